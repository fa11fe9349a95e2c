// Switching the convention rewrites clause 5 only while it holds the old convention's fixed text
// (or nothing); a drafter's own text is kept unless they ask explicitly.

import { describe, expect, it } from 'vitest';
import { EditorState } from '@tiptap/pm/state';
import type { Node as PMNode } from '@tiptap/pm/model';
import {
  applyConventionsPlan,
  conventionsState,
  findConventionsBody,
  forceConventionsText,
  planConventionsSwitch
} from '../../clauses/conventions';
import { docToStandard, standardToNode } from '../../clauses/convert';
import type { Block, Standard } from '../../clauses/model';
import { completeMeta, conventionsParagraphs, paragraph, skeletonStandard } from '../../clauses/skeleton';

let counter = 0;
const makeId = (prefix: string) => `${prefix}-t${++counter}`;

function draft(conventionsBlocks?: Block[], subclause = false): Standard {
  const std = skeletonStandard(completeMeta({ id: 's-test', convention: 'itu-t' }));
  const clause = std.clauses.find((c) => c.role === 'conventions')!;
  if (conventionsBlocks) clause.blocks = conventionsBlocks;
  if (subclause) {
    clause.children = [{ id: 'c-sub', role: 'body', kind: null, title: [{ type: 'text', text: 'Notation' }], blocks: [paragraph('Kept.')], children: [] }];
  }
  return std;
}

function apply(doc: PMNode, plan: ReturnType<typeof planConventionsSwitch>): PMNode {
  const state = EditorState.create({ doc });
  const tr = state.tr;
  applyConventionsPlan(tr, plan);
  return tr.doc;
}

function conventionsText(doc: PMNode): string[] {
  const std = docToStandard(doc, completeMeta({ id: 's-test' }));
  const clause = std.clauses.find((c) => c.role === 'conventions')!;
  return clause.blocks.map((b) => (b.type === 'paragraph' ? b.content.map((i) => (i.type === 'text' ? i.text : '')).join('') : `<${b.type}>`));
}

describe('planConventionsSwitch', () => {
  it('replaces the old convention’s standard text with the new one’s', () => {
    const doc = standardToNode(draft());
    expect(conventionsState(doc, 'itu-t')).toBe('standard');
    const plan = planConventionsSwitch(doc, 'itu-t', 'rfc2119', makeId);
    expect(plan.action).toBe('replace');
    const next = apply(doc, plan);
    expect(conventionsText(next)).toEqual(conventionsParagraphs('rfc2119'));
    expect(conventionsState(next, 'rfc2119')).toBe('standard');
    // And back again.
    const back = apply(next, planConventionsSwitch(next, 'rfc2119', 'itu-t', makeId));
    expect(conventionsText(back)).toEqual(conventionsParagraphs('itu-t'));
  });

  it('gives the new paragraphs fresh ids', () => {
    const doc = standardToNode(draft());
    const next = apply(doc, planConventionsSwitch(doc, 'itu-t', 'rfc2119', makeId));
    const std = docToStandard(next, completeMeta({ id: 's-test' }));
    const ids = std.clauses.find((c) => c.role === 'conventions')!.blocks.map((b) => (b as { id: string }).id);
    expect(ids.every((id) => /^p-t\d+$/.test(id))).toBe(true);
  });

  it('fills an empty clause (no blocks, or only empty paragraphs)', () => {
    for (const blocks of [[], [paragraph(''), paragraph('  ')]]) {
      const doc = standardToNode(draft(blocks));
      expect(conventionsState(doc, 'itu-t')).toBe('empty');
      const next = apply(doc, planConventionsSwitch(doc, 'itu-t', 'rfc2119', makeId));
      expect(conventionsText(next)).toEqual(conventionsParagraphs('rfc2119'));
    }
  });

  it('keeps text a drafter wrote, and says so', () => {
    const edited = [paragraph('In this Recommendation, requirements use our own house style.')];
    const doc = standardToNode(draft(edited));
    expect(conventionsState(doc, 'itu-t')).toBe('edited');
    expect(planConventionsSwitch(doc, 'itu-t', 'rfc2119', makeId)).toEqual({ action: 'keep', reason: 'edited' });
  });

  it('treats one changed word, an added paragraph or a non-paragraph block as an edit', () => {
    const standard = conventionsParagraphs('itu-t');
    const variants: Block[][] = [
      standard.map((t, i) => paragraph(i === 1 ? t.replace('strictly', 'firmly') : t)),
      [...standard.map(paragraph), paragraph('Also: lower-case words carry no obligation.')],
      [...standard.map(paragraph), { type: 'note', id: 'n-1', content: [paragraph('A note.')] }]
    ];
    for (const blocks of variants) {
      const doc = standardToNode(draft(blocks));
      expect(planConventionsSwitch(doc, 'itu-t', 'rfc2119', makeId).action).toBe('keep');
    }
  });

  it('does nothing when the clause already has the new text or there is no Conventions clause', () => {
    const already = standardToNode(draft(conventionsParagraphs('rfc2119').map(paragraph)));
    expect(planConventionsSwitch(already, 'itu-t', 'rfc2119', makeId)).toEqual({ action: 'none', reason: 'current' });
    const std = draft();
    std.clauses = std.clauses.filter((c) => c.role !== 'conventions');
    const none = standardToNode(std);
    expect(findConventionsBody(none)).toBeNull();
    expect(conventionsState(none, 'itu-t')).toBe('missing');
    expect(planConventionsSwitch(none, 'itu-t', 'rfc2119', makeId)).toEqual({ action: 'none', reason: 'missing' });
  });

  it('leaves the title and the sub-clauses of clause 5 alone', () => {
    const doc = standardToNode(draft(undefined, true));
    const next = apply(doc, planConventionsSwitch(doc, 'itu-t', 'rfc2119', makeId));
    const clause = docToStandard(next, completeMeta({ id: 's-test' })).clauses.find((c) => c.role === 'conventions')!;
    expect(clause.title).toEqual([{ type: 'text', text: 'Conventions' }]);
    expect(clause.children.map((c) => c.id)).toEqual(['c-sub']);
    expect(conventionsText(next)).toEqual(conventionsParagraphs('rfc2119'));
  });
});

describe('forceConventionsText', () => {
  it('replaces a drafter’s text only when asked explicitly', () => {
    const doc = standardToNode(draft([paragraph('Our own wording.')]));
    const next = apply(doc, forceConventionsText(doc, 'rfc2119', makeId));
    expect(conventionsText(next)).toEqual(conventionsParagraphs('rfc2119'));
    expect(forceConventionsText(next, 'rfc2119', makeId)).toEqual({ action: 'none', reason: 'current' });
  });
});
