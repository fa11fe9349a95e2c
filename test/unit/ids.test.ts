import { describe, expect, it } from 'vitest';
import { EditorState, Plugin, type Command, type Transaction } from '@tiptap/pm/state';
import { Fragment, Slice } from '@tiptap/pm/model';
import { ID_PREFIX, isValidId, newId } from '../../clauses/ids';
import { docToStandard, standardToNode } from '../../clauses/convert';
import { exampleStandard } from '../../clauses/example';
import { numberStandard } from '../../clauses/numbering';
import { duplicateIdFixes, findClause, insertClauseAfter, moveClause, moveClauseDown, promoteClause, repairDuplicateIds } from '../../clauses/structure';
import { assignIds } from '../../web/lib/editor/extensions/stable-ids';
import type { Clause, Standard } from '../../clauses/model';

const meta = exampleStandard().meta;
const std = (s: EditorState): Standard => docToStandard(s.doc, meta);
function run(state: EditorState, command: Command): EditorState {
  let next = state;
  expect(command(state, (tr) => (next = state.apply(tr)))).toBe(true);
  return next;
}
function allIds(s: Standard): string[] {
  const out: string[] = [];
  const walk = (c: Clause): void => {
    out.push(c.id);
    for (const b of c.blocks) if ('id' in b) out.push(b.id);
    c.children.forEach(walk);
  };
  s.clauses.forEach(walk);
  return out;
}

describe('newId', () => {
  it('makes short prefixed ids that do not repeat', () => {
    const ids = Array.from({ length: 10_000 }, () => newId(ID_PREFIX.clause));
    expect(ids.every((id) => /^c-[0-9a-z]{8}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every(isValidId)).toBe(true);
    expect(isValidId('')).toBe(false);
    expect(isValidId('has space')).toBe(false);
  });
});

describe('ids are stable', () => {
  it('survive moves, renumbering and retitling, while numbers change', () => {
    const start = EditorState.create({ doc: standardToNode(exampleStandard()) });
    const before = allIds(std(start));
    let s = run(start, moveClauseDown('c-capture'));
    s = run(s, promoteClause('c-comparison'));
    s = run(s, moveClause('c-pad', 'c-requirements', 'inside'));
    const title = findClause(s.doc, 'c-storage')!;
    s = s.apply(s.tr.insertText('Storage of biometric templates', title.pos + 2, title.pos + 2 + title.node.child(0).nodeSize - 2));
    const after = std(s);
    expect(allIds(after).sort()).toEqual([...before].sort());
    const n = numberStandard(after);
    expect(n.heading.get('c-storage')).toBe('7.1');
    expect(n.heading.get('c-capture')).toBe('7.2');
    expect(n.heading.get('c-comparison')).toBe('8');
    expect(n.heading.get('c-pad')).toBe('7.3');
    // The requirement's label and checks travel with its paragraph.
    const storage = after.clauses.flatMap((c) => [c, ...c.children]).find((c) => c.id === 'c-storage')!;
    expect(storage.title).toEqual([{ type: 'text', text: 'Storage of biometric templates' }]);
    expect(storage.blocks[0]).toMatchObject({ id: 'p-frs-req-07', requirement: { label: 'FRS-REQ-07' } });
  });
});

describe('a duplicated clause gets new ids', () => {
  /** An editor state with the web editor's stable-ids plugin, for local edits. */
  function editorState(): EditorState {
    const plugin = new Plugin({ appendTransaction: (trs: readonly Transaction[], _o, state) => assignIds(state, trs) });
    return EditorState.create({ doc: standardToNode(exampleStandard()), plugins: [plugin] });
  }

  it('when pasted in the editor: the copy and its blocks get fresh ids, the original keeps its own', () => {
    const s = editorState();
    const storage = findClause(s.doc, 'c-storage')!;
    const at = storage.pos + storage.node.nodeSize;
    const pasted = s.apply(s.tr.replace(at, at, new Slice(Fragment.from(storage.node), 0, 0)));
    const after = std(pasted);
    const ids = allIds(after);
    expect(new Set(ids).size).toBe(ids.length);
    const requirements = after.clauses.find((c) => c.id === 'c-requirements')!.children;
    expect(requirements.map((c) => c.id).slice(0, 2)).toEqual(['c-capture', 'c-storage']);
    const copy = requirements[2]!;
    expect(copy.id).not.toBe('c-storage');
    expect(copy.title).toEqual(requirements[1]!.title);
    expect(copy.blocks[0]!.type === 'paragraph' && copy.blocks[0]!.id).not.toBe('p-frs-req-07');
    expect(numberStandard(after).heading.get('c-storage')).toBe('7.2');
  });

  it('when two copies arrive from co-authors: the first keeps the id, later ones are renamed the same way everywhere', () => {
    const s = EditorState.create({ doc: standardToNode(exampleStandard()) });
    const storage = findClause(s.doc, 'c-storage')!;
    // What two concurrent moves of one clause leave behind after a merge: two identical clauses.
    const doubled = s.apply(s.tr.insert(storage.pos + storage.node.nodeSize, storage.node));
    const fixes = duplicateIdFixes(doubled.doc);
    expect(fixes.map((f) => f.to)).toEqual(expect.arrayContaining(['c-storage-2', 'p-frs-req-07-2', 'n-storage-1-2']));
    expect(duplicateIdFixes(doubled.doc)).toEqual(fixes);
    const repaired = run(doubled, repairDuplicateIds);
    const ids = allIds(std(repaired));
    expect(new Set(ids).size).toBe(ids.length);
    expect(findClause(repaired.doc, 'c-storage')!.pos).toBe(storage.pos);
    expect(repairDuplicateIds(repaired)).toBe(false);
  });

  it('a newly inserted clause never takes an existing id', () => {
    let s = EditorState.create({ doc: standardToNode(exampleStandard()) });
    for (let i = 0; i < 20; i++) s = run(s, insertClauseAfter('c-pad'));
    const ids = allIds(std(s));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('duplicates arriving from co-authors', () => {
  it('are repaired by the plugin when the change comes from Yjs, and left to the local plugin otherwise', async () => {
    const { duplicateIdsPlugin } = await import('../../clauses/structure');
    const { ySyncPluginKey } = await import('@tiptap/y-tiptap');
    const s = EditorState.create({ doc: standardToNode(exampleStandard()), plugins: [duplicateIdsPlugin()] });
    const storage = findClause(s.doc, 'c-storage')!;
    const at = storage.pos + storage.node.nodeSize;
    const local = s.apply(s.tr.insert(at, storage.node));
    expect(duplicateIdFixes(local.doc).length).toBeGreaterThan(0);
    // The meta y-tiptap's sync plugin puts on transactions that apply Y.Doc changes.
    const remote = s.apply(s.tr.insert(at, storage.node).setMeta(ySyncPluginKey, { isChangeOrigin: true }));
    expect(duplicateIdFixes(remote.doc)).toEqual([]);
    expect(findClause(remote.doc, 'c-storage')!.pos).toBe(storage.pos);
    expect(findClause(remote.doc, 'c-storage-2')!.pos).toBe(at);
  });
});
