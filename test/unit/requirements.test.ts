import { describe, expect, it } from 'vitest';
import { findRequirements, requirementUuid } from '../../clauses/requirements';
import type { Block } from '../../clauses/model';
import { clause, draft, note, p, text } from './diagnostics-fixture';

const REQ = 'The capture device is required to produce images with at least 90 pixels between the eyes.';

describe('findRequirements', () => {
  it('numbers automatic ids per clause and keeps level and keyword of the first obligation', () => {
    const std = draft([
      clause('Capture', [p(REQ), p('Cameras can optionally zoom. Zoom is not recommended beyond 10x.'), p('Plain prose.')]),
      clause('Storage', [p('Raw images are prohibited from leaving the device.')])
    ]);
    expect(findRequirements(std).map((r) => [r.id, r.clauseNumber, r.level, r.keyword])).toEqual([
      ['R-6-1', '6', 'required', 'is required to'],
      ['R-6-2', '6', 'optional', 'can optionally'],
      ['R-7-1', '7', 'prohibited', 'is prohibited from']
    ]);
  });

  it('uses a label that fits the pattern, and falls back to the automatic id otherwise', () => {
    const std = draft([clause('Capture', [p(REQ, { label: 'FRS-REQ-07' }), p(REQ, { label: 'whatever' }), p(REQ)])]);
    expect(findRequirements(std).map((r) => [r.id, r.label])).toEqual([
      ['FRS-REQ-07', 'FRS-REQ-07'],
      ['R-6-2', 'whatever'],
      ['R-6-3', undefined]
    ]);
  });

  it('finds requirements in list items and table cells, not in notes, appendices or Conventions', () => {
    const list: Block = { type: 'list', ordered: false, items: [[p('Templates are required to be signed.')]] };
    const table: Block = { type: 'table', id: 't-1', caption: text('Limits'), header: true, rows: [[text('Limit')], [text('The latency is required to stay below 2 s.')]] };
    const std = draft([clause('Capture', [list, table, note(p('The operator is required to check.'))])], {
      after: [clause('Examples', [p('The kiosk is required to beep.')], { role: 'appendix' })]
    });
    const reqs = findRequirements(std);
    expect(reqs.map((r) => r.text)).toEqual(['Templates are required to be signed.', 'The latency is required to stay below 2 s.']);
    expect(reqs[1]!.paragraphId).toBe('t-1:r1c0');
  });

  it('gives each requirement the effective kind of its clause, and annex numbers', () => {
    const std = draft([clause('Deployment', [p('Schools are not recommended to use it for attendance.')], { kind: 'policy-recommendation' })], {
      after: [clause('Test methods', [p('The tester is required to use 100 subjects.')], { role: 'annex' })]
    });
    expect(findRequirements(std).map((r) => [r.kind, r.id])).toEqual([
      ['policy-recommendation', 'R-6-1'],
      ['normative-technical', 'R-A-1']
    ]);
  });

  it('keeps the uuid when the clause is renumbered and the text edited', () => {
    const para = p(REQ, undefined, 'p-stable');
    const before = findRequirements(draft([clause('Capture', [para])]))[0]!;
    const moved = draft([clause('Overview', [p('Prose only.')], { kind: 'informative' }), clause('Capture', [{ ...(para as Extract<Block, { type: 'paragraph' }>), content: text(`${REQ} Always.`) }])]);
    const after = findRequirements(moved)[0]!;
    expect(after.id).toBe('R-7-1');
    expect(before.id).toBe('R-6-1');
    expect(after.uuid).toBe(before.uuid);
  });

  it('derives distinct, well-formed version 5 uuids', () => {
    const a = requirementUuid('s-1', 'p-a');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(requirementUuid('s-1', 'p-a')).toBe(a);
    expect(requirementUuid('s-1', 'p-b')).not.toBe(a);
    expect(requirementUuid('s-2', 'p-a')).not.toBe(a);
  });

  it('attaches checks to the requirement', () => {
    const check = {
      id: 'c1',
      target: { artifact: 'data-schema' as const, selector: { lang: 'jsonpath' as const, expr: '$..properties' } },
      assert: { op: 'keys-not-match' as const, regex: '^race$' },
      severity: 'error' as const,
      message: 'm'
    };
    const [req] = findRequirements(draft([clause('Schema', [p('The schema is prohibited from holding race.', { checks: [check] })])]));
    expect(req!.checks).toEqual([check]);
  });
});
