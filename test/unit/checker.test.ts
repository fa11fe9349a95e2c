// The reference checker on hand-written rule sets (what a tool author might write) and small
// documents: each operator passes and fails where a user would expect, findings name the clause
// and the place in the file, and the three report formats carry them.

import { describe, expect, it } from 'vitest';
import type { RuleCheck, RuleSet } from '../../exporters/rules/format';
import { validateRuleSet } from '../../exporters/rules/validate';
import { runChecks, hasErrors } from '../../exporters/checker/run';
import { formatText } from '../../exporters/checker/format-text';
import { formatJson } from '../../exporters/checker/format-json';
import { formatSarif } from '../../exporters/checker/format-sarif';
import { explainRule } from '../../exporters/checker/explain';
import { matchesGlob } from '../../exporters/checker/glob';
import { sourceLocator } from '../../exporters/checker/locate';

function ruleSetWith(checks: Partial<RuleCheck>[], level: 'required' | 'recommended' = 'required'): RuleSet {
  const ruleSet: RuleSet = {
    $schema: 'https://clausework.dev/schemas/rules/1.0.0/rules.schema.json',
    formatVersion: '1.0.0',
    document: {
      id: 'doc',
      designation: 'ITU-T F.TEST',
      title: 'Checker test',
      version: '1',
      status: 'draft',
      convention: 'itu-t',
      sourceSha256: '0'.repeat(64),
      generator: 'test'
    },
    rules: checks.map((c, i) => ({
      id: `R-7.2-${i + 1}`,
      uuid: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      scope: 'requirement',
      clause: '7.2',
      clauseId: 'c-store',
      title: 'Template storage',
      text: `Requirement ${i + 1} text.`,
      kind: 'normative-technical',
      obligation: { level, keyword: level === 'required' ? 'is required to' : 'is recommended' },
      severity: level === 'required' ? 'error' : 'warn',
      checks: [
        {
          id: `c${i + 1}`,
          target: { artifact: 'data-schema', selector: { lang: 'jsonpath', expr: '$' } },
          assert: { op: 'present' },
          severity: level === 'required' ? 'error' : 'warn',
          message: `Check ${i + 1} message.`,
          method: 'automated',
          ...c
        } as RuleCheck
      ],
      provenance: { sourceVersion: '1', textSha256: 'a'.repeat(64), anchor: `p-${i}` }
    }))
  };
  const valid = validateRuleSet(ruleSet);
  if (!valid.ok) throw new Error(`test rule set is invalid: ${valid.errors.join('; ')}`);
  return ruleSet;
}

const sel = (expr: string) => ({ artifact: 'configuration' as const, selector: { lang: 'jsonpath' as const, expr } });
const failures = (ruleSet: RuleSet, data: unknown) => runChecks(ruleSet, [{ file: 'f.json', data }]).findings.map((f) => f.jsonPath);

describe('assertion operators', () => {
  it('present / absent look at a field below each selected node', () => {
    const present = ruleSetWith([{ target: sel('$.storage'), assert: { op: 'present', field: 'encryption' } }]);
    expect(failures(present, { storage: { encryption: {} } })).toEqual([]);
    // A missing field is reported where the closest existing node is, as Spectral does.
    expect(failures(present, { storage: {} })).toEqual(['$.storage']);
    expect(failures(present, {})).toEqual([]); // nothing selected: nothing to require

    const absent = ruleSetWith([{ target: sel('$.storage'), assert: { op: 'absent', field: 'rawImages' } }]);
    expect(failures(absent, { storage: { rawImages: '/x' } })).toEqual(['$.storage.rawImages']);
    expect(failures(absent, { storage: {} })).toEqual([]);
  });

  it('truthy / falsy use JavaScript truthiness', () => {
    const truthy = ruleSetWith([{ target: sel('$'), assert: { op: 'truthy', field: 'enabled' } }]);
    for (const bad of [false, 0, '', null]) expect(failures(truthy, { enabled: bad })).toEqual(['$.enabled']);
    expect(failures(truthy, { enabled: true })).toEqual([]);
    const falsy = ruleSetWith([{ target: sel('$'), assert: { op: 'falsy', field: 'debug' } }]);
    expect(failures(falsy, { debug: 'yes' })).toEqual(['$.debug']);
    expect(failures(falsy, { debug: false })).toEqual([]);
    expect(failures(falsy, {})).toEqual([]);
  });

  it('matches / not-matches test strings with the regex and its flags, and skip non-strings', () => {
    const matches = ruleSetWith([{ target: sel('$.services[*]'), assert: { op: 'matches', field: 'url', regex: '^https://', flags: 'i' } }]);
    const data = { services: [{ url: 'HTTPS://a' }, { url: 'http://b' }, { url: 42 }] };
    expect(failures(matches, data)).toEqual(['$.services[1].url']);
    const notMatches = ruleSetWith([{ target: sel('$.services[*]'), assert: { op: 'not-matches', field: 'url', regex: '^http://' } }]);
    expect(failures(notMatches, data)).toEqual(['$.services[1].url']);
  });

  it('keys-match / keys-not-match test every key of the selected objects, at any depth', () => {
    const schema = { properties: { name: {}, Skin_Colour: {}, nested: { properties: { race: {}, ok: {} } } } };
    const notMatch = ruleSetWith([
      { target: { artifact: 'data-schema', selector: { lang: 'jsonpath', expr: '$..properties' } }, assert: { op: 'keys-not-match', regex: '^(race|skin[_-]?colou?r)$', flags: 'i' } }
    ]);
    expect(failures(notMatch, schema).sort()).toEqual(['$.properties.Skin_Colour', '$.properties.nested.properties.race']);
    const match = ruleSetWith([
      { target: { artifact: 'data-schema', selector: { lang: 'jsonpath', expr: '$..properties' } }, assert: { op: 'keys-match', regex: '^[a-z]+$' } }
    ]);
    expect(failures(match, schema)).toEqual(['$.properties.Skin_Colour']);
  });

  it('keys-match with a field tests the keys of the object at that field', () => {
    const check = ruleSetWith([
      { target: { artifact: 'data-schema', selector: { lang: 'jsonpath', expr: '$' } }, assert: { op: 'keys-match', field: '$defs', regex: '^[A-Za-z]' } }
    ]);
    expect(failures(check, { $defs: { ok: {}, '1st': {} }, properties: { '2nd': {} } })).toEqual(['$.$defs["1st"]']);
  });

  it('in-enum accepts only the listed primitives', () => {
    const inEnum = ruleSetWith([{ target: sel('$.logging'), assert: { op: 'in-enum', field: 'level', values: ['error', 'warn', 1, null] } }]);
    expect(failures(inEnum, { logging: { level: 'debug' } })).toEqual(['$.logging.level']);
    for (const ok of ['warn', 1, null]) expect(failures(inEnum, { logging: { level: ok } })).toEqual([]);
    expect(failures(inEnum, { logging: { level: ['warn'] } })).toEqual([]); // not a primitive: skipped, as in Spectral
  });

  it('json-schema reports the first violation at its own path', () => {
    const check = ruleSetWith([
      {
        target: sel('$.storage'),
        assert: { op: 'json-schema', schema: { type: 'object', required: ['days'], properties: { days: { type: 'integer', maximum: 365 } } } }
      }
    ]);
    expect(failures(check, { storage: { days: 400 } })).toEqual(['$.storage.days']);
    expect(failures(check, { storage: {} })).toEqual(['$.storage']);
    expect(failures(check, { storage: { days: 30 } })).toEqual([]);
  });

  it('fields that are not plain names (such as $id) are read literally', () => {
    const check = ruleSetWith([{ target: sel('$'), assert: { op: 'present', field: '$id' } }]);
    expect(failures(check, { $id: 'x' })).toEqual([]);
    expect(failures(check, { id: 'x' })).toEqual(['$']);
  });
});

describe('scope, severity and exit status', () => {
  it('a check limited to some files applies only to them', () => {
    const ruleSet = ruleSetWith([{ target: { artifact: 'data-schema', files: ['schemas/**/*.json'], selector: { lang: 'jsonpath', expr: '$' } }, assert: { op: 'present', field: 'title' } }]);
    const report = runChecks(ruleSet, [
      { file: 'a.json', relativePath: 'schemas/v1/a.json', data: {} },
      { file: 'b.json', relativePath: 'config/b.json', data: {} }
    ]);
    expect(report.findings.map((f) => f.file)).toEqual(['a.json']);
    expect(matchesGlob('deep/dir/file.yaml', '*.yaml')).toBe(true); // matchBase, as Spectral
    expect(matchesGlob('deep/dir/file.yaml', 'dir/*.yaml')).toBe(false);
    expect(matchesGlob('x/y/z.json', 'x/**/z.json')).toBe(true);
    expect(matchesGlob('x/z.json', 'x/**/z.json')).toBe(true);
  });

  it('only error-severity findings make the run fail', () => {
    const warnOnly = ruleSetWith([{ target: sel('$'), assert: { op: 'present', field: 'x' } }], 'recommended');
    const report = runChecks(warnOnly, [{ file: 'f.json', data: {} }]);
    expect(report.counts.warn).toBe(1);
    expect(hasErrors(report)).toBe(false);
    const errors = ruleSetWith([{ target: sel('$'), assert: { op: 'present', field: 'x' } }]);
    expect(hasErrors(runChecks(errors, [{ file: 'f.json', data: {} }]))).toBe(true);
  });

  it('findings carry the clause, the requirement and the check name Spectral would use', () => {
    const ruleSet = ruleSetWith([{ target: sel('$'), assert: { op: 'present', field: 'x' } }]);
    const [finding] = runChecks(ruleSet, [{ file: 'f.json', data: {} }]).findings;
    expect(finding).toMatchObject({ clause: '7.2', ruleId: 'R-7.2-1', code: 'R-7.2-1/c1', severity: 'error', file: 'f.json' });
  });
});

describe('positions in the source', () => {
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('finds the line and column of a path in JSON and in YAML', () => {
    const json = '{\n  "storage": {\n    "items": [1, {"deep": true}],\n    "rawImages": "/x"\n  }\n}\n';
    const locateJson = sourceLocator(json);
    expect(locateJson(['storage', 'rawImages'])).toEqual({ line: lineOf(json, 'rawImages'), column: 5 });
    expect(locateJson([])).toEqual({ line: 1, column: 1 });
    expect(locateJson(['storage', 'missing'])).toBeUndefined();
    const yaml = 'storage:\n  items:\n    - 1\n    - deep: true\n  rawImages: /x\n';
    const locateYaml = sourceLocator(yaml);
    expect(locateYaml(['storage', 'items', 1, 'deep'])).toEqual({ line: lineOf(yaml, 'deep'), column: 7 });
    expect(sourceLocator('{ not: [yaml')(['x'])).toBeUndefined();
  });

  it('puts positions in findings, the text report and SARIF regions', () => {
    const text = 'storage:\n  encryption: {}\n  rawImages: /x\n';
    const ruleSet = ruleSetWith([{ target: sel('$.storage'), assert: { op: 'absent', field: 'rawImages' } }]);
    const report = runChecks(ruleSet, [{ file: 'c.yaml', data: { storage: { encryption: {}, rawImages: '/x' } }, locate: sourceLocator(text) }]);
    expect(report.findings[0]).toMatchObject({ line: 3, column: 3 });
    expect(formatText(report)).toContain('3:3  $.storage.rawImages');
    const region = JSON.parse(formatSarif(report, ruleSet)).runs[0].results[0].locations[0].physicalLocation.region;
    expect(region).toEqual({ startLine: 3, startColumn: 3 });
  });
});

describe('report formats', () => {
  const ruleSet = ruleSetWith([
    { target: sel('$'), assert: { op: 'present', field: 'x' }, message: 'x is needed \u202Egnitirw-thgir\u202C \u001b[31mred' }
  ]);
  const report = runChecks(ruleSet, [{ file: 'dir/f.json', data: {} }, { file: 'g.json', data: { x: 1 } }]);

  it('text names the file, the place, the clause and the requirement, with control characters shown escaped', () => {
    const text = formatText(report);
    expect(text).toContain('dir/f.json');
    expect(text).toContain('clause 7.2, R-7.2-1');
    expect(text).toMatch(/1 problem \(1 error, 0 warnings\) in 1 of 2 files/);
    expect(text).not.toMatch(/[\u202e\u001b]/);
    expect(text).toContain('\\u202e');
  });

  it('JSON carries every finding and the totals', () => {
    const json = JSON.parse(formatJson(report));
    expect(json.summary).toMatchObject({ files: 2, error: 1 });
    expect(json.findings[0]).toMatchObject({ code: 'R-7.2-1/c1', jsonPath: '$', file: 'dir/f.json' });
    // Data keeps its text verbatim; only the terminal view escapes it.
    expect(json.findings[0].message).toContain('\u202e');
  });

  it('SARIF 2.1.0 lists the checks as rules and the findings as results with locations', () => {
    const sarif = JSON.parse(formatSarif(report, ruleSet));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('clausework');
    expect(run.properties.standard).toMatchObject({ designation: 'ITU-T F.TEST', sourceSha256: ruleSet.document.sourceSha256 });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['R-7.2-1/c1']);
    expect(run.tool.driver.rules[0].properties).toMatchObject({ clause: '7.2', kind: 'normative-technical', obligation: 'required' });
    expect(run.results).toHaveLength(1);
    const result = run.results[0];
    expect(result).toMatchObject({ ruleId: 'R-7.2-1/c1', ruleIndex: 0, level: 'error' });
    expect(result.message.text).toContain('Clause 7.2');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('dir/f.json');
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe('$');
  });

  it('SARIF locations are valid URI references for paths with spaces, "#" and drive letters', () => {
    const files = ['my drafts/f#1.json', 'C:\\configs\\f.json'];
    const odd = runChecks(ruleSet, files.map((file) => ({ file, data: {} })));
    const run = JSON.parse(formatSarif(odd, ruleSet)).runs[0];
    type Result = { locations: [{ physicalLocation: { artifactLocation: { uri: string } } }] };
    const uris = run.results.map((r: Result) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['my%20drafts/f%231.json', 'file:///C:/configs/f.json']);
    expect(run.artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual(uris);
  });

  it('--explain finds a rule by id, uuid or check name and prints its text', () => {
    for (const key of ['R-7.2-1', '00000000-0000-4000-8000-000000000001', 'R-7.2-1/c1']) {
      expect(explainRule(ruleSet, key)).toContain('Requirement 1 text.');
    }
    expect(explainRule(ruleSet, 'R-9')).toBeUndefined();
  });
});

describe('rule set validation', () => {
  it('names what is wrong in a broken rule set', () => {
    const broken = JSON.parse(JSON.stringify(ruleSetWith([{ target: sel('$'), assert: { op: 'present' } }])));
    broken.rules[0].checks[0].assert.op = 'contains';
    const result = validateRuleSet(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain('/rules/0/checks/0/assert/op');
  });

  it('refuses a rule set of another major format version', () => {
    const future = { ...ruleSetWith([{ target: sel('$'), assert: { op: 'present' } }]), formatVersion: '2.0.0' };
    const result = validateRuleSet(future);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/formatVersion: 2\.0\.0 is not supported/);
  });

  it('rejects a regex that does not compile, naming its path', () => {
    const broken = JSON.parse(JSON.stringify(ruleSetWith([{ target: sel('$'), assert: { op: 'matches', regex: 'ok' } }])));
    broken.rules[0].checks[0].assert.regex = '(unclosed';
    const result = validateRuleSet(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^\/rules\/0\/checks\/0\/assert\/regex: .*Unterminated group/);
  });
});
