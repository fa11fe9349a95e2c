import { describe, expect, it } from 'vitest';
import { formatReport, formatText, hasErrors, toSarif } from '../../clauses/lint-report';
import { toUriReference } from '../../clauses/sarif';
import { RULE_LIST } from '../../clauses/diagnostics/rules';
import type { Diagnostic } from '../../clauses/diagnostics/types';

const diags: Diagnostic[] = [
  {
    code: 'OBL001',
    severity: 'error',
    clauseId: 'c-note',
    clauseNumber: '7.2',
    blockId: 'p-1',
    message: 'requirement keyword "is required to" in a note'
  },
  {
    code: 'POL001',
    severity: 'warning',
    clauseId: 'c-9',
    clauseNumber: 'A.1',
    message: 'policy language',
    fix: { type: 'retag', title: 'Tag the clause as a policy recommendation', clauseId: 'c-9', kind: 'policy-recommendation' }
  },
  { code: 'OBL005', severity: 'info', clauseId: 'c-sum', clauseNumber: '', message: 'split\nit' }
];

describe('text format', () => {
  it('prints one line per diagnostic with clause, severity, code and message, then a count', () => {
    expect(formatText(diags).split('\n')).toEqual([
      'clause 7.2: error OBL001 requirement keyword "is required to" in a note',
      'clause A.1: warning POL001 policy language',
      'clause c-sum: info OBL005 split it',
      '1 error(s), 1 warning(s), 1 info',
      ''
    ]);
  });
});

describe('json format', () => {
  it('round-trips the diagnostics', () => {
    const parsed = JSON.parse(formatReport(diags, 'json', { uri: 'draft.json' }));
    expect(parsed.diagnostics).toEqual(diags);
    expect(parsed.errors).toBe(1);
  });
});

describe('SARIF 2.1.0', () => {
  const log = JSON.parse(formatReport(diags, 'sarif', { uri: 'drafts/frs.json', toolVersion: '0.1.0' }));

  it('has the top-level shape SARIF 2.1.0 requires', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver.name).toBe('clausework');
  });

  it('declares every rule once, with the results pointing at them by id and index', () => {
    const rules = log.runs[0].tool.driver.rules as { id: string }[];
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULE_LIST) expect(ids).toContain(r.code);
    for (const result of log.runs[0].results) expect(rules[result.ruleIndex]!.id).toBe(result.ruleId);
  });

  it('maps severities to SARIF levels and clauses to logical locations', () => {
    const results = log.runs[0].results;
    expect(results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning', 'note']);
    expect(results[0].message.text).toBe(diags[0]!.message);
    expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('drafts/frs.json');
    expect(results[0].locations[0].logicalLocations[0]).toEqual({ name: '7.2', fullyQualifiedName: 'clause 7.2', kind: 'module' });
    expect(results[1].properties.fix).toBe('Tag the clause as a policy recommendation');
  });

  it('only uses levels and keys the SARIF schema allows on a result', () => {
    const allowed = new Set(['ruleId', 'ruleIndex', 'level', 'message', 'locations', 'properties']);
    for (const r of log.runs[0].results) {
      for (const key of Object.keys(r)) expect(allowed).toContain(key);
      expect(['none', 'note', 'warning', 'error']).toContain(r.level);
      expect(typeof r.message.text).toBe('string');
    }
  });

  it('is an empty but valid run when there is nothing to report', () => {
    const empty = toSarif([], { uri: 'x.json' }) as { runs: { results: unknown[] }[] };
    expect(empty.runs[0]!.results).toEqual([]);
  });
});

describe('hasErrors', () => {
  it('is true only when an error is present', () => {
    expect(hasErrors(diags)).toBe(true);
    expect(hasErrors(diags.slice(1))).toBe(false);
    expect(hasErrors([])).toBe(false);
  });
});

describe('toUriReference', () => {
  it('turns file paths into the URI references SARIF requires', () => {
    expect(toUriReference('drafts/frs draft.json')).toBe('drafts/frs%20draft.json');
    expect(toUriReference('/home/ed/x#1.json')).toBe('file:///home/ed/x%231.json');
    expect(toUriReference('C:\\drafts\\frs.json')).toBe('file:///C:/drafts/frs.json');
    expect(toUriReference('https://example.org/frs.json')).toBe('https://example.org/frs.json');
  });
});
