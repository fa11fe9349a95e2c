// The OSCAL catalog: valid against the subset of the OSCAL 1.2.1 model we rely on, a group per
// clause and a control per rule, kind and obligation as props in our namespace, informative
// text as guidance, and user text escaped as OSCAL markup.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Standard } from '../../clauses/model';
import { exportRules } from '../../exporters/rules/export';
import { exportOscal, OSCAL_NS, type OscalControl } from '../../exporters/rules/oscal';
import schema from '../../exporters/rules/oscal-catalog.schema.json' with { type: 'json' };

const fixture = (name: string): Standard =>
  JSON.parse(readFileSync(new URL(`../fixtures/schemas/${name}`, import.meta.url), 'utf8')) as Standard;

const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: true });
addFormats(ajv);
const validate = ajv.compile(schema);
const WHEN = '2026-05-01T12:00:00Z';

function expectValid(value: unknown): void {
  validate(value);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
}

const prop = (c: OscalControl, name: string) => c.props.find((p) => p.name === name && p.ns === OSCAL_NS)?.value;

describe('exportOscal on the face-template draft', () => {
  const ruleSet = exportRules(fixture('face-template.standard.json'));
  const oscal = exportOscal(ruleSet, { lastModified: WHEN });
  const groups = oscal.catalog.groups ?? [];
  const controls = groups.flatMap((g) => g.controls);

  it('is valid against the OSCAL catalog subset', () => {
    expectValid(oscal);
    expect(oscal.catalog.metadata).toMatchObject({ 'oscal-version': '1.2.1', 'last-modified': WHEN, version: '0.3' });
  });

  it('has a group per clause with rules and a control per rule, in order', () => {
    const clausesWithRules = [...new Set(ruleSet.rules.map((r) => r.clauseId))];
    expect(groups.map((g) => g.props.find((p) => p.name === 'clause-id')?.value)).toEqual(clausesWithRules);
    expect(controls.map((c) => prop(c, 'rule-uuid'))).toEqual(ruleSet.rules.map((r) => r.uuid));
    const ids = [...groups.map((g) => g.id), ...controls.map((c) => c.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries kind, obligation level and keyword as props in our namespace', () => {
    ruleSet.rules.forEach((rule, i) => {
      const control = controls[i]!;
      expect(prop(control, 'kind')).toBe(rule.kind);
      expect(prop(control, 'obligation-level')).toBe(rule.obligation?.level);
      expect(prop(control, 'obligation-keyword')).toBe(rule.obligation?.keyword);
      expect(control.props.find((p) => p.name === 'label')?.value).toBe(rule.id);
      expect(control.parts[0]?.name).toBe(rule.kind === 'informative' ? 'guidance' : 'statement');
    });
  });

  it('keeps its uuid across versions of the same standard, and needs a time', () => {
    const std = fixture('face-template.standard.json');
    std.meta.version = '0.4';
    expect(exportOscal(exportRules(std), { lastModified: WHEN }).catalog.uuid).toBe(oscal.catalog.uuid);
    expect(() => exportOscal(ruleSet)).toThrow(/last-modified/);
    expect(exportOscal(exportRules(std, { generatedAt: WHEN })).catalog.metadata['last-modified']).toBe(WHEN);
    // A draft can be given directly: its rule set is made on the way.
    expect(exportOscal(std, { lastModified: WHEN })).toEqual(exportOscal(exportRules(std), { lastModified: WHEN }));
  });
});

describe('hostile content in the OSCAL catalog', () => {
  const oscal = exportOscal(exportRules(fixture('hostile.standard.json')), { lastModified: WHEN });

  it('stays valid, with markup characters escaped and ids reduced to tokens', () => {
    expectValid(oscal);
    const controls = (oscal.catalog.groups ?? []).flatMap((g) => g.controls);
    const hostile = controls.find((c) => c.props.some((p) => p.name === 'label' && p.value === 'H-1'))!;
    const prose = hostile.parts[0]!.prose!;
    expect(prose).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(prose).not.toMatch(/(^|[^\\])<script>/);
    expect(hostile.title).not.toMatch(/(^|[^\\])</);
    // Line starts that Markdown would read as list items are escaped too.
    const policy = controls.find((c) => prop(c, 'kind') === 'policy-recommendation' && c.class === 'policy-clause')!;
    expect(policy.parts[0]!.prose).toMatch(/^\\- not a list$/m);
    expect(policy.parts[0]!.prose).toMatch(/^1\\\. not a list either$/m);
  });
});
