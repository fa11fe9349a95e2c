// The rule set export: valid against its published JSON Schema, one rule per requirement in
// document order, stable ids/uuids/bytes across exports, hashes that notice real edits only,
// informative text carrying no obligation, hostile text kept verbatim, and fast on big drafts.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Standard } from '../../clauses/model';
import { findRequirements } from '../../clauses/requirements';
import { numberStandard } from '../../clauses/numbering';
import { analyseStandard } from '../../clauses/analysis';
import { exportRules } from '../../exporters/rules/export';
import { normaliseText, textSha256 } from '../../exporters/rules/hash';
import schema from '../../exporters/rules/rules.schema.json' with { type: 'json' };

const fixture = (name: string): Standard =>
  JSON.parse(readFileSync(new URL(`../fixtures/schemas/${name}`, import.meta.url), 'utf8')) as Standard;

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(value: unknown): void {
  const ok = validate(value);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

const clone = <T>(v: T): T => structuredClone(v);

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}

describe('exportRules on the face-template draft', () => {
  const std = fixture('face-template.standard.json');
  const ruleSet = exportRules(std);

  it('validates against rules.schema.json', () => {
    expectValid(ruleSet);
    expect(ruleSet.$schema).toBe((schema as { $id: string }).$id);
    expect(ruleSet.formatVersion).toBe('1.0.0');
  });

  it('has one rule per requirement, in document order, with its text verbatim', () => {
    const requirements = findRequirements(std);
    const ruleReqs = ruleSet.rules.filter((r) => r.scope === 'requirement');
    expect(ruleReqs.map((r) => r.uuid)).toEqual(requirements.map((r) => r.uuid));
    expect(ruleReqs.map((r) => r.id)).toEqual(requirements.map((r) => r.id));
    expect(ruleReqs.map((r) => r.text)).toEqual(requirements.map((r) => r.text));
    expect(ruleReqs.map((r) => r.clause)).toEqual(requirements.map((r) => r.clauseNumber));
    // The editor-set label is the rule id.
    expect(ruleReqs.find((r) => r.provenance.anchor === 'p-req-sensitive')?.id).toBe('FRS-REQ-01');
  });

  it('gives each obligation level its default severity, and keeps check severities as set', () => {
    const expected = { required: 'error', prohibited: 'error', recommended: 'warn', 'not-recommended': 'warn', optional: 'info' };
    const levels = new Set<string>();
    for (const rule of ruleSet.rules) {
      if (!rule.obligation) continue;
      levels.add(rule.obligation.level);
      expect(rule.severity).toBe(expected[rule.obligation.level]);
    }
    expect([...levels].sort()).toEqual(Object.keys(expected).sort());
    const sensitive = ruleSet.rules.find((r) => r.id === 'FRS-REQ-01');
    expect(sensitive?.obligation).toEqual({ level: 'prohibited', keyword: 'is prohibited from' });
    expect(sensitive?.checks?.[0]).toMatchObject({ id: 'no-sensitive-attributes', severity: 'error', method: 'automated', assert: { op: 'keys-not-match', flags: 'i' } });
  });

  it('marks prose checks for inspection rather than automation', () => {
    const prose = ruleSet.rules.flatMap((r) => r.checks ?? []).filter((c) => c.target.artifact === 'prose');
    expect(prose.length).toBeGreaterThan(0);
    for (const check of prose) expect(check.method).toBe('inspection');
  });

  it('adds a clause-level entry for each policy-recommendation clause, before its requirements', () => {
    const numbering = numberStandard(std);
    const policy = ruleSet.rules.filter((r) => r.scope === 'clause');
    expect(policy.map((r) => r.clauseId)).toEqual(['c-policy']);
    expect(policy[0]).toMatchObject({ kind: 'policy-recommendation', clause: numbering.clause.get('c-policy'), title: 'Use of face recognition in public spaces' });
    expect(policy[0]?.text).toContain('Operators of public spaces');
    const idx = ruleSet.rules.findIndex((r) => r.scope === 'clause');
    expect(ruleSet.rules[idx + 1]?.clauseId).toBe('c-policy');
    expect(ruleSet.rules[idx + 1]?.kind).toBe('policy-recommendation');
  });

  it('keeps informative requirements free of obligations and checks, and the schema enforces it', () => {
    const informative = ruleSet.rules.filter((r) => r.kind === 'informative');
    for (const rule of informative) {
      expect(rule.obligation).toBeUndefined();
      expect(rule.checks).toBeUndefined();
    }
    const forged = clone(ruleSet);
    const target = forged.rules.find((r) => r.scope === 'requirement')!;
    target.kind = 'informative';
    expect(validate(forged)).toBe(false);
  });

  it('is byte-identical across exports; generatedAt only when asked for', () => {
    expect(JSON.stringify(exportRules(clone(std)))).toBe(JSON.stringify(ruleSet));
    expect(ruleSet.document.generatedAt).toBeUndefined();
    const dated = exportRules(std, { generatedAt: '2026-05-01T12:00:00Z' });
    expect(dated.document.generatedAt).toBe('2026-05-01T12:00:00Z');
    expectValid(dated);
  });

  it("gives the same rules from the live analysis the server already holds", () => {
    expect(JSON.stringify(exportRules(std, { analysis: analyseStandard(std) }))).toBe(JSON.stringify(ruleSet));
  });

  it('keeps uuids when clauses move and renumber, and notices edits in sourceSha256', () => {
    const moved = clone(std);
    const arch = moved.clauses.find((c) => c.id === 'c-arch')!;
    arch.children.reverse(); // configuration now comes before the data schema
    const after = exportRules(moved);
    const byUuid = new Map(after.rules.map((r) => [r.uuid, r]));
    for (const rule of ruleSet.rules) {
      const again = byUuid.get(rule.uuid);
      expect(again?.text).toBe(rule.text);
      expect(again?.provenance.textSha256).toBe(rule.provenance.textSha256);
    }
    expect(after.document.sourceSha256).not.toBe(ruleSet.document.sourceSha256);
    // Key order is not content: a re-serialised draft hashes the same.
    const reordered = reverseKeys(std) as Standard;
    expect(Object.keys(reordered)).toEqual(['clauses', 'meta']);
    expect(exportRules(reordered).document.sourceSha256).toBe(ruleSet.document.sourceSha256);
  });
});

describe('textSha256', () => {
  it('ignores re-wrapping and Unicode normalisation, not wording', () => {
    const a = 'The template database is prohibited from storing race.';
    expect(textSha256('  The template\n database is  prohibited from storing race. ')).toBe(textSha256(a));
    expect(textSha256('Caf\u0065\u0301')).toBe(textSha256('Caf\u00e9'));
    expect(textSha256(a.replace('race', 'ethnicity'))).not.toBe(textSha256(a));
    expect(normaliseText('a\u00a0b')).toBe('a b');
  });
});

describe('hostile content', () => {
  const std = fixture('hostile.standard.json');
  const ruleSet = exportRules(std);

  it('stays valid JSON and valid against the schema, carrying text verbatim', () => {
    expectValid(ruleSet);
    const text = JSON.stringify(ruleSet);
    const back = JSON.parse(text) as typeof ruleSet;
    const hostile = back.rules.find((r) => r.id === 'H-1')!;
    const paragraph = std.clauses[1]!.blocks[0] as { content: { text: string }[] };
    expect(hostile.text).toBe(paragraph.content[0]!.text);
    expect(hostile.text).toContain('<script>alert(1)</script>');
    expect(hostile.text).toContain('\u202e');
    expect(hostile.title).toContain('<script>alert("title")</script>');
    expect(hostile.checks?.[0]?.message).toContain('#{{print("property")}}');
    expect(back.document.title).toBe(std.meta.title);
  });
});
