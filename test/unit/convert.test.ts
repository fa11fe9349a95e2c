import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { EditorState } from '@tiptap/pm/state';
import {
  applyStandardToYdoc,
  ConversionError,
  createDocConverter,
  standardToNode,
  docToStandard,
  readCollabMeta,
  standardToDoc,
  standardToYdoc,
  ydocToStandard,
  writeCollabMeta
} from '../../clauses/convert';
import { clauseSchema, YDOC_FIELD, YDOC_META } from '../../clauses/schema';
import { exampleStandard } from '../../clauses/example';
import { completeMeta, skeletonStandard } from '../../clauses/skeleton';
import type { Standard } from '../../clauses/model';
import { generateStandard } from './convert-generate';

/** A Y.Doc as it reaches another client: only its encoded state travels. */
function overTheWire(ydoc: Y.Doc): Y.Doc {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(ydoc));
  return other;
}

describe('Standard <-> ProseMirror JSON <-> Y.Doc', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]) {
    it(`a generated standard (seed ${seed}) survives both round trips unchanged`, () => {
      const std = generateStandard(seed);
      expect(docToStandard(standardToDoc(std), std.meta), `seed ${seed}`).toEqual(std);
      const received = overTheWire(standardToYdoc(std));
      expect(ydocToStandard(received, std.meta), `seed ${seed}`).toEqual(std);
    });
  }

  it('keeps requirement labels and machine checks of the example across a Y.Doc round trip', () => {
    const std = exampleStandard();
    const back = ydocToStandard(overTheWire(standardToYdoc(std)), std.meta);
    expect(back).toEqual(std);
    const para = back.clauses
      .flatMap(function all(c): typeof c[] { return [c, ...c.children.flatMap(all)]; })
      .flatMap((c) => c.blocks)
      .find((b) => b.type === 'paragraph' && b.id === 'p-frs-req-07');
    expect(para).toMatchObject({ requirement: { label: 'FRS-REQ-07', checks: [{ assert: { op: 'keys-not-match' } }] } });
  });

  it('writes requirement label and checks as paragraph attributes in the editor document', () => {
    const doc = standardToDoc(exampleStandard());
    const json = JSON.stringify(doc);
    expect(json).toContain('"reqLabel":"FRS-REQ-07"');
    expect(json).toMatch(/"checks":\[\{"id":"chk-frs-req-07-schema"/);
  });

  it('reads a document written by y-tiptap directly (as the browser editor stores it)', () => {
    const std = skeletonStandard(completeMeta({ title: 'T' }));
    const ydoc = prosemirrorJSONToYDoc(clauseSchema(), standardToDoc(std), YDOC_FIELD);
    expect(ydocToStandard(ydoc, std.meta).clauses).toEqual(std.clauses);
  });
});

describe('metadata in the Y.Doc', () => {
  it('carries convention, requirement pattern, version and date in the meta map; the rest comes from the caller', () => {
    const std = exampleStandard();
    const ydoc = overTheWire(standardToYdoc(std));
    expect(ydoc.getMap(YDOC_META).toJSON()).toEqual({
      convention: 'itu-t',
      requirementPattern: '^FRS-REQ-\\d{2}$',
      version: '0.3',
      date: ''
    });
    const dbMeta = completeMeta({ id: 'db', title: 'From the database', convention: 'rfc2119' });
    const read = ydocToStandard(ydoc, dbMeta);
    expect(read.meta.title).toBe('From the database');
    expect(read.meta.convention).toBe('itu-t');
  });

  it('ignores a meta value of the wrong type instead of passing it on', () => {
    const ydoc = new Y.Doc();
    ydoc.getMap(YDOC_META).set('convention', 'klingon');
    ydoc.getMap(YDOC_META).set('version', 3);
    writeCollabMeta(ydoc, { date: '05/2026' });
    expect(readCollabMeta(ydoc)).toEqual({ date: '05/2026' });
  });
});

describe('updating an existing Y.Doc', () => {
  it('applies a changed standard by difference, so a concurrent edit elsewhere survives', () => {
    const std = exampleStandard();
    const server = standardToYdoc(std);
    const client = overTheWire(server);
    // The client retitles the Scope while the server rewrites clause 8's kind.
    const clientStd = ydocToStandard(client, std.meta);
    clientStd.clauses.find((c) => c.id === 'c-scope')!.title = [{ type: 'text', text: 'Scope and field of application' }];
    applyStandardToYdoc(client, clientStd);
    const serverStd: Standard = structuredClone(std);
    serverStd.clauses.find((c) => c.id === 'c-pad')!.kind = 'policy-recommendation';
    applyStandardToYdoc(server, serverStd);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const a = ydocToStandard(server, std.meta);
    expect(ydocToStandard(client, std.meta)).toEqual(a);
    expect(a.clauses.find((c) => c.id === 'c-scope')!.title).toEqual([{ type: 'text', text: 'Scope and field of application' }]);
    expect(a.clauses.find((c) => c.id === 'c-pad')!.kind).toBe('policy-recommendation');
  });
});

describe('bad input', () => {
  const meta = completeMeta({});
  it('rejects something that is not an editor document, saying so', () => {
    expect(() => docToStandard({ type: 'paragraph' }, meta)).toThrow(/top node must have type "doc"/);
    expect(() => docToStandard({ type: 'doc', content: [{ type: 'paragraph' }] }, meta)).toThrow(ConversionError);
    expect(() => docToStandard({ type: 'doc', content: [{ type: 'clause', content: [{ type: 'nonsense' }] }] }, meta)).toThrow(/invalid editor document/);
  });

  it('names the clause with an unknown role or kind', () => {
    const doc = { type: 'doc', content: [{ type: 'clause', attrs: { id: 'c-x', role: 'preface', kind: null }, content: [{ type: 'clauseTitle' }] }] };
    expect(() => docToStandard(doc, meta)).toThrow(/clause c-x has an unknown role "preface"/);
    const doc2 = { type: 'doc', content: [{ type: 'clause', attrs: { id: 'c-y', role: 'body', kind: 'normative' }, content: [{ type: 'clauseTitle' }] }] };
    expect(() => docToStandard(doc2, meta)).toThrow(/clause c-y has an unknown kind "normative"/);
  });

  it('refuses a standard the editor cannot hold rather than dropping content', () => {
    expect(() => standardToDoc({ meta, clauses: [] })).toThrow(/at least one clause/);
    const bad: Standard = {
      meta,
      clauses: [{ id: 'c-1', role: 'body', kind: null, title: [], children: [], blocks: [
        { type: 'note', id: 'n-1', content: [{ type: 'code', id: 'k-1', language: '', text: 'x' }] }
      ] }]
    };
    expect(() => standardToDoc(bad)).toThrow(/note n-1 in clause c-1 may hold only paragraphs/);
  });

  it('gives nodes without an id a position-derived id, the same on every conversion', () => {
    const doc = {
      type: 'doc',
      content: [{ type: 'clause', attrs: { role: 'body' }, content: [{ type: 'clauseTitle' }, { type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] }]
    };
    const a = docToStandard(doc, meta);
    expect(a).toEqual(docToStandard(doc, meta));
    expect(a.clauses[0]!.id).toBe('c-at-0');
    expect(a.clauses[0]!.blocks[0]).toMatchObject({ id: 'p-at-0-1' });
  });
});

describe('incremental conversion for the editor', () => {
  it('gives the same result as a full conversion, reusing unchanged clauses and redoing changed ones', () => {
    const std = exampleStandard();
    const convert = createDocConverter();
    let state = EditorState.create({ doc: standardToNode(std) });
    const first = convert(state.doc, std.meta);
    expect(first).toEqual(std);
    // Type into clause 8 (c-pad): only that clause may change.
    let at = -1;
    state.doc.descendants((node, pos) => {
      if (at < 0 && node.type.name === 'paragraph' && node.attrs.id === 'p-pad-required') at = pos + 1;
      return at < 0;
    });
    state = state.apply(state.tr.insertText('Indeed, ', at));
    const second = convert(state.doc, std.meta);
    expect(second).toEqual(docToStandard(state.doc, std.meta));
    const byId = (s: Standard, id: string) => s.clauses.find((c) => c.id === id);
    expect(byId(second, 'c-scope')).toBe(byId(first, 'c-scope'));
    expect(byId(second, 'c-requirements')).toBe(byId(first, 'c-requirements'));
    expect(byId(second, 'c-pad')).not.toBe(byId(first, 'c-pad'));
    expect(byId(second, 'c-pad')!.blocks[0]).toMatchObject({ content: [{ text: expect.stringMatching(/^Indeed, The FRS/) }] });
  });
});
