// Is this value a rule set we can apply? The JSON Schema says most of it; what a schema cannot
// say (that each regular expression compiles) is checked here too, so the checker never meets
// a check it cannot run.

import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from './rules.schema.json' with { type: 'json' };
import { FORMAT_VERSION, type RuleSet } from './format';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

export type RuleSetValidation = { ok: true; ruleSet: RuleSet } | { ok: false; errors: string[] };

export function validateRuleSet(value: unknown): RuleSetValidation {
  const version = (value as { formatVersion?: unknown } | null)?.formatVersion;
  const major = typeof version === 'string' ? version.split('.')[0] : undefined;
  if (major !== undefined && major !== FORMAT_VERSION.split('.')[0]) {
    return { ok: false, errors: [`/formatVersion: ${String(version)} is not supported; this version of Clausework reads rule sets ${FORMAT_VERSION.split('.')[0]}.x`] };
  }
  const validate = validator();
  if (!validate(value)) return { ok: false, errors: describeErrors(validate.errors ?? []) };
  const ruleSet = value as RuleSet;
  const errors = regexErrors(ruleSet);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, ruleSet };
}

/** The JSON Schema itself, as published. */
export function rulesJsonSchema(): Record<string, unknown> {
  return schema as Record<string, unknown>;
}

function describeErrors(errors: ErrorObject[]): string[] {
  // if/then branches repeat the real error as "must match \"then\" schema": drop those echoes.
  const useful = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'allOf');
  const lines = (useful.length > 0 ? useful : errors).map(
    (e) => `${e.instancePath || '/'}: ${e.message ?? 'is invalid'}${detail(e)}`
  );
  return [...new Set(lines)];
}

function detail(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return ` ("${String(e.params.additionalProperty)}")`;
  if (e.keyword === 'enum') return ` (${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`;
  return '';
}

function regexErrors(ruleSet: RuleSet): string[] {
  const errors: string[] = [];
  ruleSet.rules.forEach((rule, r) =>
    (rule.checks ?? []).forEach((check, c) => {
      if (check.assert.regex === undefined) return;
      try {
        new RegExp(check.assert.regex, check.assert.flags ?? '');
      } catch (e) {
        errors.push(`/rules/${r}/checks/${c}/assert/regex: ${(e as Error).message}`);
      }
    })
  );
  return errors;
}
