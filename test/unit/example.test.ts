import { describe, expect, it } from 'vitest';
import { exampleStandard } from '../../clauses/example';
import { effectiveKinds } from '../../clauses/kinds';
import { numberStandard } from '../../clauses/numbering';
import { findRequirements } from '../../clauses/requirements';
import { diagnose } from '../../clauses/diagnostics';
import { danglingXrefs, xrefTargets, xrefUses } from '../../clauses/xrefs';
import { OBLIGATION_LEVELS, type Block, type Clause } from '../../clauses/model';
import { conventionsParagraphs } from '../../clauses/skeleton';
import { blocksText } from '../../clauses/text';

const std = exampleStandard();
const clauses = (cs: Clause[]): Clause[] => cs.flatMap((c) => [c, ...clauses(c.children)]);
const blocks: Block[] = clauses(std.clauses).flatMap((c) => c.blocks);

describe('the seeded example', () => {
  it('is a face recognition draft of SG16 in the ITU-T convention', () => {
    expect(std.meta).toMatchObject({ title: 'Requirements for face recognition systems', designation: 'ITU-T F.FRS', studyGroup: 'SG16', convention: 'itu-t', requirementPattern: '^FRS-REQ-\\d{2}$' });
    const conventions = std.clauses.find((c) => c.role === 'conventions')!.blocks.map((b) => blocksText([b]));
    expect(conventions).toEqual(conventionsParagraphs('itu-t'));
  });

  it('shows every kind, an annex and an appendix', () => {
    expect(new Set(effectiveKinds(std).values())).toEqual(new Set(['normative-technical', 'policy-recommendation', 'informative']));
    const public_ = std.clauses.find((c) => c.kind === 'policy-recommendation')!;
    expect(public_.title[0]).toMatchObject({ text: expect.stringMatching(/public/i) });
    const n = numberStandard(std);
    expect([...n.heading.values()]).toEqual(expect.arrayContaining(['Annex A', 'A.1', 'Appendix I', 'I.1', '7.2']));
  });

  it('states requirements at every level, with editor labels on some and automatic ids on others', () => {
    const reqs = findRequirements(std);
    expect(new Set(reqs.map((r) => r.level))).toEqual(new Set(OBLIGATION_LEVELS));
    const labelled = reqs.filter((r) => r.label);
    expect(labelled.length).toBeGreaterThanOrEqual(3);
    for (const r of labelled) expect(r.id).toMatch(new RegExp(std.meta.requirementPattern));
    expect(reqs.some((r) => /^R-\d+(\.\d+)*-\d+$/.test(r.id))).toBe(true);
    expect(new Set(reqs.map((r) => r.id)).size).toBe(reqs.length);
  });

  it('has the 7.2 prohibition with a keys-not-match check on $..properties, and other machine checks', () => {
    const req = findRequirements(std).find((r) => r.id === 'FRS-REQ-07')!;
    expect(req).toMatchObject({ clauseNumber: '7.2', level: 'prohibited', text: 'The template database is prohibited from storing race or skin colour attributes.' });
    expect(req.checks[0]).toMatchObject({ target: { artifact: 'data-schema', selector: { expr: '$..properties' } }, assert: { op: 'keys-not-match', flags: 'i' }, severity: 'error' });
    expect(new RegExp(req.checks[0]!.assert.regex!, 'i').test('skin_colour')).toBe(true);
    expect(findRequirements(std).filter((r) => r.checks.length).length).toBeGreaterThanOrEqual(3);
  });

  it('has terms in 3.1 and 3.2, abbreviations, a captioned table, notes and live cross-references', () => {
    const n = numberStandard(std);
    const termNumbers = blocks.filter((b) => b.type === 'term').map((b) => n.term.get(b.id));
    expect(termNumbers).toEqual(expect.arrayContaining(['3.1.1', '3.2.1']));
    expect(blocks.filter((b) => b.type === 'abbreviation').length).toBeGreaterThanOrEqual(3);
    const tables = blocks.filter((b) => b.type === 'table');
    expect(tables.every((t) => t.type === 'table' && t.caption.length > 0)).toBe(true);
    expect([...n.note.values()]).toEqual(expect.arrayContaining(['NOTE', 'NOTE 1', 'NOTE 2']));
    const targets = xrefTargets(std);
    const kinds = new Set(xrefUses(std).map((u) => targets.get(u.target)?.type));
    for (const kind of ['clause', 'table', 'requirement', 'reference'] as const) expect(kinds.has(kind), kind).toBe(true);
    expect(danglingXrefs(std)).toEqual([]);
  });

  it('leaves problems for a newcomer to discover: policy language in a technical clause and a requirement in a NOTE', () => {
    const found = diagnose(std);
    expect(found.some((d) => d.clauseNumber === '8' && /polic/i.test(d.message))).toBe(true);
    expect(found.some((d) => d.clauseNumber === '7.2' && d.severity === 'error' && /note/i.test(d.message))).toBe(true);
  });
});
