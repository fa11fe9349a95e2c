// The Spectral ruleset writer: one stock-function rule per automated data check, named and
// described so that a Spectral user sees the clause and the requirement. The real Spectral CLI
// loads and runs these rulesets in test/integration/spectral.test.ts.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Standard } from '../../clauses/model';
import { exportRules } from '../../exporters/rules/export';
import { exportSpectral, type SpectralRule } from '../../exporters/rules/spectral';
import { isDataCheck } from '../../exporters/rules/format';

const fixture = (name: string): Standard =>
  JSON.parse(readFileSync(new URL(`../fixtures/schemas/${name}`, import.meta.url), 'utf8')) as Standard;

const STOCK = new Set(['defined', 'undefined', 'truthy', 'falsy', 'pattern', 'enumeration', 'schema']);

describe('exportSpectral on the face-template draft', () => {
  const ruleSet = exportRules(fixture('face-template.standard.json'));
  const spectral = exportSpectral(ruleSet);
  const all: Record<string, SpectralRule> = Object.assign({}, spectral.rules, ...(spectral.overrides ?? []).map((o) => o.rules));
  const dataChecks = ruleSet.rules.flatMap((r) => (r.checks ?? []).filter(isDataCheck).map((c) => ({ rule: r, check: c })));

  it('has one rule per automated data check and none for prose', () => {
    expect(Object.keys(all)).toHaveLength(dataChecks.length);
    expect(Object.values(all).map((r) => r['x-clause'].check).sort()).toEqual(dataChecks.map((d) => d.check.id).sort());
    expect(Object.values(all).some((r) => r['x-clause'].check === 'prose-wording')).toBe(false);
  });

  it('uses only stock functions, mapped from each operator', () => {
    const expected: Record<string, [string, string | undefined]> = {
      present: ['defined', undefined],
      absent: ['undefined', undefined],
      truthy: ['truthy', undefined],
      falsy: ['falsy', undefined],
      matches: ['pattern', 'match'],
      'not-matches': ['pattern', 'notMatch'],
      'keys-match': ['pattern', 'match'],
      'keys-not-match': ['pattern', 'notMatch'],
      'in-enum': ['enumeration', 'values'],
      'json-schema': ['schema', 'schema']
    };
    const seen = new Set<string>();
    for (const { check } of dataChecks) {
      const rule = Object.values(all).find((r) => r['x-clause'].check === check.id)!;
      const [fn, option] = expected[check.assert.op]!;
      seen.add(check.assert.op);
      expect(STOCK.has(rule.then.function)).toBe(true);
      expect(rule.then.function).toBe(fn);
      if (option) expect(rule.then.functionOptions).toHaveProperty(option);
      if (check.assert.op.startsWith('keys-')) expect(rule.then.field).toBe('@key');
      expect(rule.severity).toBe(check.severity);
      expect(rule.resolved).toBe(false);
    }
    expect(seen.size).toBe(10); // the fixture exercises every operator
  });

  it('writes regexes as "/source/flags"', () => {
    const rule = Object.values(all).find((r) => r['x-clause'].check === 'no-sensitive-attributes')!;
    const sensitive = ruleSet.rules.find((r) => r.id === 'FRS-REQ-01')!.checks![0]!;
    expect(rule.then.functionOptions).toEqual({ notMatch: `/${sensitive.assert.regex}/i` });
  });

  it('names the clause, requirement, kind and level in description, tags and x-clause', () => {
    for (const { rule, check } of dataChecks) {
      const s = Object.values(all).find((r) => r['x-clause'].check === check.id)!;
      expect(s.description).toContain(`Clause ${rule.clause}`);
      expect(s.description).toContain(rule.id);
      expect(s.tags).toEqual(expect.arrayContaining([`clause:${rule.clause}`, `kind:${rule.kind}`, `obligation:${rule.obligation!.level}`]));
      expect(s['x-clause']).toMatchObject({ rule: rule.id, uuid: rule.uuid, clause: rule.clause, textSha256: rule.provenance.textSha256 });
    }
  });

  it('scopes checks limited to some files with an override for those globs', () => {
    const scoped = dataChecks.filter((d) => d.check.target.files);
    expect(scoped.length).toBeGreaterThan(0);
    for (const { check } of scoped) {
      const override = spectral.overrides?.find((o) => Object.values(o.rules).some((r) => r['x-clause'].check === check.id));
      expect(override?.files).toEqual(check.target.files);
    }
  });

  it('is the same for the same draft', () => {
    expect(JSON.stringify(exportSpectral(exportRules(fixture('face-template.standard.json'))))).toBe(JSON.stringify(spectral));
  });
});

describe('hostile content in the Spectral ruleset', () => {
  const spectral = exportSpectral(exportRules(fixture('hostile.standard.json')));

  it('keeps user text out of the message template', () => {
    const [rule] = Object.values(spectral.rules);
    expect(rule?.message).toBe('{{description}} (at {{path}})');
    expect(rule?.description).toContain('#{{print("property")}}');
    // Spectral's loader rejects unknown keys: only its own fields, tags and x- keys are written.
    const allowed = new Set(['description', 'message', 'severity', 'given', 'resolved', 'then', 'tags']);
    for (const key of Object.keys(rule ?? {})) expect(allowed.has(key) || key.startsWith('x-')).toBe(true);
  });
});
