import { describe, expect, it } from 'vitest';
import { EditorState, type Command } from '@tiptap/pm/state';
import { danglingXrefs, xrefTargets, xrefText, xrefUses } from '../../clauses/xrefs';
import { exampleStandard } from '../../clauses/example';
import { docToStandard, standardToNode } from '../../clauses/convert';
import { deleteClause, moveClause, moveClauseUp, insertClauseAfter } from '../../clauses/structure';
import { inlineText } from '../../clauses/text';
import type { Block, Clause, Standard } from '../../clauses/model';

function edit(std: Standard, command: Command): Standard {
  const state = EditorState.create({ doc: standardToNode(std) });
  let next = state;
  expect(command(state, (tr) => (next = state.apply(tr)))).toBe(true);
  return docToStandard(next.doc, std.meta);
}
function paragraph(std: Standard, id: string): Extract<Block, { type: 'paragraph' }> {
  const walk = (cs: Clause[]): Block | undefined => {
    for (const c of cs) {
      const hit = c.blocks.find((b) => b.type === 'paragraph' && b.id === id) ?? walk(c.children);
      if (hit) return hit;
    }
    return undefined;
  };
  return walk(std.clauses) as Extract<Block, { type: 'paragraph' }>;
}
const read = (std: Standard, id: string) => inlineText(paragraph(std, id).content, xrefText(xrefTargets(std)));

describe('cross-reference display', () => {
  it('shows clauses, annexes, appendices, tables and requirements with their current numbers and labels', () => {
    const std = exampleStandard();
    const t = xrefTargets(std);
    expect(t.get('c-storage')).toMatchObject({ type: 'clause', display: 'clause 7.2' });
    expect(t.get('c-annex-test')!.display).toBe('Annex A');
    expect(t.get('c-annex-setup')!.display).toBe('clause A.1');
    expect(t.get('c-app-protection')!.display).toBe('Appendix I');
    expect(t.get('c-bibliography')!.display).toBe('Bibliography');
    expect(t.get('t-lighting')).toMatchObject({ type: 'table', display: 'Table A.1', clauseId: 'c-annex-setup' });
    expect(t.get('p-frs-req-07')).toMatchObject({ type: 'requirement', display: '[FRS-REQ-07]' });
    expect(t.get('p-capture-feedback')).toMatchObject({ type: 'requirement', display: '[R-7.1-2]' });
    expect(t.get('p-overview-1')).toMatchObject({ type: 'paragraph', display: 'clause 6' });
    expect(t.get('d-probe-image')).toMatchObject({ type: 'term', display: 'probe image' });
    expect(t.get('r-x1252')).toMatchObject({ type: 'reference', display: '[ITU-T X.1252]' });
    expect(t.get('n-storage-2')!.display).toBe('NOTE 2 in clause 7.2');
    expect(read(std, 'p-scope-2')).toContain('image capture quality (clause 7.1), the storage of biometric templates (clause 7.2)');
    expect(read(std, 'p-frs-req-01')).toBe('The FRS is required to reject a probe image whose capture quality falls below the minimum values given in Table 1.');
  });

  it('follows renumbering: moving clauses changes what the references say', () => {
    let std = exampleStandard();
    std = edit(std, moveClauseUp('c-storage'));
    expect(read(std, 'p-scope-2')).toContain('image capture quality (clause 7.2), the storage of biometric templates (clause 7.1)');
    std = edit(std, moveClause('c-capture', 'c-annex-test', 'inside'));
    expect(read(std, 'p-scope-2')).toContain('image capture quality (clause A.2)');
    // Table 1 moved into Annex A after A.1's table: it is now Table A.2.
    expect(read(std, 'p-annex-intro')).toBe('This annex specifies how the minimum values of Table A.2 are measured.');
    expect(read(std, 'p-annex-lab')).toContain('lighting conditions of Table A.1.');
    std = edit(std, insertClauseAfter('c-conventions'));
    expect(read(std, 'p-scope-2')).toContain('are given in clause 10');
  });
});

describe('dangling cross-references', () => {
  it('reports none in the example', () => {
    expect(danglingXrefs(exampleStandard())).toEqual([]);
    expect(xrefUses(exampleStandard()).length).toBeGreaterThanOrEqual(10);
  });

  it('reports a reference whose clause was deleted, naming where it is, and shows a visible marker', () => {
    const std = edit(exampleStandard(), deleteClause('c-public'));
    const dangling = danglingXrefs(std);
    expect(dangling).toEqual([expect.objectContaining({ target: 'c-public', clauseId: 'c-scope', blockId: 'p-scope-2' })]);
    expect(dangling[0]!.message).toMatch(/"c-public" points at nothing/);
    expect(read(std, 'p-scope-2')).toContain('[missing: c-public]');
  });

  it('finds references in tables, captions, terms and list items too', () => {
    const std = exampleStandard();
    const storage = std.clauses.find((c) => c.id === 'c-requirements')!.children[1]!;
    storage.blocks.push(
      { type: 'list', ordered: false, items: [[{ type: 'paragraph', id: 'p-li', content: [{ type: 'xref', target: 'gone-1' }] }]] },
      { type: 'table', id: 't-x', caption: [], header: false, rows: [[[{ type: 'xref', target: 'gone-2' }]]] },
      { type: 'term', id: 'd-x', term: 'x', source: '', definition: [{ type: 'xref', target: '' }] }
    );
    expect(danglingXrefs(std).map((d) => [d.target, d.blockId])).toEqual([['gone-1', 'p-li'], ['gone-2', 't-x'], ['', 'd-x']]);
    expect(danglingXrefs(std)[2]!.message).toBe('cross-reference without a target');
  });
});
