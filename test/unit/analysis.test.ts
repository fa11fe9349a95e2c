import { describe, expect, it } from 'vitest';
import { analyseStandard, createAnalyser, replaceClause } from '../../clauses/analysis';
import type { Clause } from '../../clauses/model';
import { clause, draft, p, text } from './diagnostics-fixture';

const REQ = 'The capture device is required to produce images with at least 90 pixels between the eyes.';

function plain(a: ReturnType<typeof analyseStandard>) {
  return { requirements: a.requirements, diagnostics: a.diagnostics, numbers: [...a.numbering.clause.entries()] };
}

describe('incremental analysis', () => {
  it('gives the same result as a fresh pass after edits, inserts and retagging', () => {
    const a = clause('Capture', [p(REQ), p('Prose.')]);
    const b = clause('Storage', [p('Templates are required to be encrypted.')], { children: [clause('Keys', [p('Keys are required to rotate.')])] });
    let std = draft([a, b]);
    const analyse = createAnalyser();
    expect(plain(analyse(std))).toEqual(plain(analyseStandard(std)));

    // Typing in a sub-clause: the sub-clause and its ancestors are new objects.
    const keys = b.children[0]!;
    std = replaceClause(std, keys.id, { ...keys, blocks: [p('Keys are required to rotate. Schools are recommended to use it for attendance.')] });
    expect(plain(analyse(std))).toEqual(plain(analyseStandard(std)));

    // A clause inserted before renumbers everything after it: ids follow.
    const inserted = clause('Overview', [p('An overview.')], { kind: 'informative' });
    std = { ...std, clauses: [...std.clauses.slice(0, 7), inserted, ...std.clauses.slice(7)] };
    const result = analyse(std);
    expect(plain(result)).toEqual(plain(analyseStandard(std)));
    expect(result.requirements.map((r) => r.id)).toContain('R-7-1');

    // Retagging changes the effective kind of the clause and of its sub-clauses.
    const storage = std.clauses.find((c) => c.id === b.id)!;
    std = replaceClause(std, b.id, { ...storage, kind: 'informative' });
    const retagged = analyse(std);
    expect(plain(retagged)).toEqual(plain(analyseStandard(std)));
    expect(retagged.diagnostics.filter((d) => d.code === 'OBL001').length).toBeGreaterThan(0);
  });

  it('notices across clauses: a deleted target, a duplicated label, a new term use', () => {
    const target = clause('Capture', [p(REQ, { label: 'FRS-REQ-01' })]);
    const citing = clause('Storage', [{ type: 'paragraph', id: 'p-cite', content: [...text('Templates are required to be encrypted, see '), { type: 'xref', target: target.id }] }]);
    const term = { type: 'term' as const, id: 'd-1', term: 'face template', source: '', definition: text('A compact representation.') };
    let std = draft([target, citing], { terms: [term] });
    const analyse = createAnalyser();
    const codes = () => analyse(std).diagnostics.map((d) => d.code).sort();
    expect(codes()).toEqual(['TRM001']);

    std = replaceClause(std, citing.id, { ...citing, blocks: [...citing.blocks, p('Each face template is required to be signed.', { label: 'FRS-REQ-01' })] });
    expect(codes()).toEqual(['REQ001']);
    expect(plain(analyse(std))).toEqual(plain(analyseStandard(std)));

    std = { ...std, clauses: std.clauses.filter((c) => c.id !== target.id) };
    expect(codes()).toEqual(['XRF001']);
    expect(plain(analyse(std))).toEqual(plain(analyseStandard(std)));
  });

  it('re-reads a clause whose title changed even when its blocks did not', () => {
    const a = clause('Capture', [p(REQ)]);
    let std = draft([a]);
    const analyse = createAnalyser();
    expect(analyse(std).diagnostics.some((d) => d.code === 'STR002')).toBe(false);
    std = replaceClause(std, a.id, { ...a, title: text('') });
    expect(analyse(std).diagnostics.some((d) => d.code === 'STR002')).toBe(true);
  });
});

describe('replaceClause', () => {
  it('shares every untouched clause object', () => {
    const a = clause('A', [p(REQ)]);
    const child = clause('B.1', [p(REQ)]);
    const b = clause('B', [], { children: [child] });
    const std = draft([a, b]);
    const next = replaceClause(std, child.id, { ...child, blocks: [p('x')] });
    const find = (clauses: Clause[], id: string) => clauses.find((c) => c.id === id)!;
    expect(find(next.clauses, a.id)).toBe(a);
    expect(find(next.clauses, b.id)).not.toBe(b);
    expect(find(next.clauses, b.id).blocks).toBe(b.blocks);
    expect(std.clauses.find((c) => c.id === b.id)!.children[0]).toBe(child);
  });
});
