import { describe, expect, it } from 'vitest';
import { EditorState } from '@tiptap/pm/state';
import { annexLetter, numberStandard, romanNumeral } from '../../clauses/numbering';
import { exampleStandard } from '../../clauses/example';
import { docToStandard, standardToNode } from '../../clauses/convert';
import { moveClauseDown, moveClauseUp, demoteClause, promoteClause } from '../../clauses/structure';
import type { Block, Clause, ClauseRole, Standard } from '../../clauses/model';
import { completeMeta, skeletonStandard } from '../../clauses/skeleton';

const para = (id: string): Block => ({ type: 'paragraph', id, content: [{ type: 'text', text: 'x' }] });
const note = (id: string): Block => ({ type: 'note', id, content: [para(`${id}-p`)] });
const table = (id: string): Block => ({ type: 'table', id, caption: [], header: false, rows: [[[]]] });
const figure = (id: string): Block => ({ type: 'figure', id, caption: [], src: '', alt: '' });
const term = (id: string): Block => ({ type: 'term', id, term: id, source: '', definition: [] });
function cl(id: string, role: ClauseRole, blocks: Block[] = [], children: Clause[] = []): Clause {
  return { id, role, kind: null, title: [{ type: 'text', text: id }], blocks, children };
}
const std = (clauses: Clause[]): Standard => ({ meta: completeMeta({}), clauses });

describe('clause numbers', () => {
  it('numbers the skeleton as ITU-T does: front matter and bibliography unnumbered, 1-6 in order', () => {
    const s = skeletonStandard(completeMeta({}));
    const n = numberStandard(s);
    expect(s.clauses.map((c) => n.clause.get(c.id))).toEqual(['', '', '1', '2', '3', '4', '5', '6', '']);
    expect(s.clauses[4]!.children.map((c) => n.clause.get(c.id))).toEqual(['3.1', '3.2']);
  });

  it('letters annexes and their sub-clauses, Roman-numbers appendices, and prints the heading prefix', () => {
    const s = std([
      cl('sum', 'summary'),
      cl('scope', 'scope', [], [cl('s1', 'body', [], [cl('s11', 'body')])]),
      cl('body', 'body'),
      cl('annA', 'annex', [], [cl('a1', 'body', [], [cl('a11', 'body')])]),
      cl('annB', 'annex'),
      cl('app1', 'appendix'),
      cl('app2', 'appendix', [], [cl('ii1', 'body'), cl('ii2', 'body'), cl('ii3', 'body')]),
      cl('bib', 'bibliography', [], [cl('bib1', 'body')])
    ]);
    const n = numberStandard(s);
    const all = ['sum', 'scope', 's1', 's11', 'body', 'annA', 'a1', 'a11', 'annB', 'app1', 'app2', 'ii1', 'ii3', 'bib', 'bib1'];
    expect(all.map((id) => n.clause.get(id))).toEqual(['', '1', '1.1', '1.1.1', '2', 'A', 'A.1', 'A.1.1', 'B', 'I', 'II', 'II.1', 'II.3', '', '']);
    expect(all.map((id) => n.heading.get(id))).toEqual(['', '1', '1.1', '1.1.1', '2', 'Annex A', 'A.1', 'A.1.1', 'Annex B', 'Appendix I', 'Appendix II', 'II.1', 'II.3', '', '']);
  });

  it('counts letters past Z and Roman numerals correctly', () => {
    expect([1, 26, 27, 28].map(annexLetter)).toEqual(['A', 'Z', 'AA', 'AB']);
    expect([1, 4, 9, 14, 40, 1994].map(romanNumeral)).toEqual(['I', 'IV', 'IX', 'XIV', 'XL', 'MCMXCIV']);
  });
});

describe('notes, tables, figures and terms', () => {
  it('prints NOTE for a single note and NOTE 1, NOTE 2 for several, restarting in each clause', () => {
    const s = std([
      cl('a', 'body', [note('n1')], [cl('a1', 'body', [note('n2'), para('p'), note('n3'), { type: 'list', ordered: false, items: [[para('q'), note('n4')]] }])]),
      cl('b', 'body', [note('n5'), note('n6')])
    ]);
    const n = numberStandard(s);
    expect(['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map((id) => n.note.get(id))).toEqual(['NOTE', 'NOTE 1', 'NOTE 2', 'NOTE 3', 'NOTE 1', 'NOTE 2']);
  });

  it('numbers tables and figures through the body and restarts them in each annex and appendix', () => {
    const s = std([
      cl('b1', 'body', [table('t1'), figure('f1')], [cl('b11', 'body', [table('t2')])]),
      cl('b2', 'body', [figure('f2'), table('t3')]),
      cl('A', 'annex', [table('tA1')], [cl('A1', 'body', [table('tA2'), figure('fA1')])]),
      cl('B', 'annex', [table('tB1')]),
      cl('I', 'appendix', [figure('fI1')]),
      cl('II', 'appendix', [], [cl('II1', 'body', [table('tII1'), table('tII2'), table('tII3')])])
    ]);
    const n = numberStandard(s);
    expect(['t1', 't2', 't3', 'tA1', 'tA2', 'tB1', 'tII1', 'tII3'].map((id) => n.table.get(id))).toEqual(['1', '2', '3', 'A.1', 'A.2', 'B.1', 'II.1', 'II.3']);
    expect(['f1', 'f2', 'fA1', 'fI1'].map((id) => n.figure.get(id))).toEqual(['1', '2', 'A.1', 'I.1']);
  });

  it('numbers terms by their clause and their place among its entries', () => {
    const s = std([cl('scope', 'scope'), cl('refs', 'references'), cl('defs', 'definitions', [], [cl('d1', 'body', [term('x'), para('p'), term('y')]), cl('d2', 'body', [term('z')])])]);
    const n = numberStandard(s);
    expect(['x', 'y', 'z'].map((id) => n.term.get(id))).toEqual(['3.1.1', '3.1.2', '3.2.1']);
  });

  it('numbers the example as a reader expects', () => {
    const s = exampleStandard();
    const n = numberStandard(s);
    expect(n.heading.get('c-storage')).toBe('7.2');
    expect(n.heading.get('c-annex-test')).toBe('Annex A');
    expect(n.heading.get('c-app-cancellable')).toBe('I.1');
    expect(n.table.get('t-lighting')).toBe('A.1');
    expect(n.note.get('n-overview')).toBe('NOTE');
    expect(n.note.get('n-storage-2')).toBe('NOTE 2');
    expect(n.term.get('d-probe-image')).toBe('3.2.1');
  });
});

describe('numbers follow moves', () => {
  function edit(s: Standard, command: ReturnType<typeof moveClauseUp>): Standard {
    const state = EditorState.create({ doc: standardToNode(s) });
    let next = state;
    expect(command(state, (tr) => (next = state.apply(tr)))).toBe(true);
    return docToStandard(next.doc, s.meta);
  }

  it('renumbers clauses, tables and notes when a clause moves, keeping every id', () => {
    const s = std([
      cl('scope', 'scope'),
      cl('x', 'body', [table('tx')]),
      cl('y', 'body', [table('ty'), note('ny')], [cl('y1', 'body')]),
      cl('annA', 'annex', [], [cl('a1', 'body', [table('ta')]), cl('a2', 'body')])
    ]);
    const before = numberStandard(s);
    expect([before.clause.get('y'), before.clause.get('y1'), before.table.get('ty')]).toEqual(['3', '3.1', '2']);

    const up = edit(s, moveClauseUp('y'));
    const n1 = numberStandard(up);
    expect([n1.clause.get('y'), n1.clause.get('y1'), n1.clause.get('x'), n1.table.get('ty'), n1.table.get('tx')]).toEqual(['2', '2.1', '3', '1', '2']);

    const demoted = edit(up, demoteClause('x'));
    const n2 = numberStandard(demoted);
    expect([n2.clause.get('x'), n2.table.get('tx')]).toEqual(['2.2', '2']);

    const down = edit(s, moveClauseDown('a1'));
    const n3 = numberStandard(down);
    expect([n3.clause.get('a2'), n3.clause.get('a1'), n3.table.get('ta')]).toEqual(['A.1', 'A.2', 'A.1']);

    const promoted = edit(s, promoteClause('a1'));
    const n4 = numberStandard(promoted);
    expect([n4.heading.get('a1'), n4.table.get('ta')]).toEqual(['Annex B', 'B.1']);
  });
});
