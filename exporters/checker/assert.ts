// The assertion operators, each with the semantics of the stock Spectral function it is
// exported as (exporters/rules/spectral.ts), including what Spectral skips: `pattern` tests only
// strings and `enumeration` only primitives; any other value passes rather than fails.

import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import type { RuleCheck } from '../rules/format';
import { schemaDialect, type SchemaDialect } from '../rules/spectral';
import type { PathSegment } from './select';

export interface Failure {
  /** Below the tested value, where the failure is (json-schema only); empty otherwise. */
  path: PathSegment[];
  detail: string;
}

export function assertValue(check: RuleCheck, value: unknown): Failure[] {
  const { op } = check.assert;
  switch (op) {
    case 'present':
      return value === undefined ? [fail('is missing')] : [];
    case 'absent':
      return value !== undefined ? [fail('must not be present')] : [];
    case 'truthy':
      return value ? [] : [fail('must be truthy')];
    case 'falsy':
      return value ? [fail('must be falsy')] : [];
    case 'matches':
    case 'keys-match':
      return typeof value === 'string' && !regex(check).test(value)
        ? [fail(`${JSON.stringify(value)} does not match /${check.assert.regex}/${check.assert.flags ?? ''}`)]
        : [];
    case 'not-matches':
    case 'keys-not-match':
      return typeof value === 'string' && regex(check).test(value)
        ? [fail(`${JSON.stringify(value)} matches /${check.assert.regex}/${check.assert.flags ?? ''}`)]
        : [];
    case 'in-enum':
      return isPrimitive(value) && !(check.assert.values ?? []).includes(value)
        ? [fail(`${JSON.stringify(value)} is not one of ${(check.assert.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`)]
        : [];
    case 'json-schema':
      return schemaFailures(check, value);
  }
}

const fail = (detail: string): Failure => ({ path: [], detail });

const isPrimitive = (v: unknown): v is string | number | boolean | null =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

const regexCache = new Map<string, RegExp>();

function regex(check: RuleCheck): RegExp {
  const key = `${check.assert.flags ?? ''}/${check.assert.regex ?? ''}`;
  let re = regexCache.get(key);
  if (!re) {
    re = new RegExp(check.assert.regex ?? '', check.assert.flags ?? '');
    regexCache.set(key, re);
  }
  return re;
}

// Options as Spectral's schema function sets them, so both report the same first error.
const AJV_OPTIONS = { allErrors: false, meta: true, messages: true, strict: false, allowUnionTypes: true, unicodeRegExp: false, logger: false } as const;
const ajvs = new Map<SchemaDialect, Ajv>();
const compiledSchemas = new WeakMap<object, ValidateFunction>();

function ajvFor(dialect: SchemaDialect): Ajv {
  let ajv = ajvs.get(dialect);
  if (!ajv) {
    const Impl = dialect === 'draft2020-12' ? Ajv2020 : dialect === 'draft2019-09' ? Ajv2019 : Ajv;
    ajv = new Impl(AJV_OPTIONS);
    addFormats(ajv);
    ajvs.set(dialect, ajv);
  }
  return ajv;
}

function schemaFailures(check: RuleCheck, value: unknown): Failure[] {
  if (value === undefined) return [fail('is missing')];
  const schema = check.assert.schema ?? {};
  let validate = compiledSchemas.get(schema);
  try {
    if (!validate) {
      const ajv = ajvFor(schemaDialect(schema));
      // Two checks may embed the same schema with its $id: ajv keeps one per $id.
      const known = typeof schema.$id === 'string' ? ajv.getSchema(schema.$id) : undefined;
      validate = known ?? ajv.compile(schema);
      compiledSchemas.set(schema, validate);
    }
  } catch (e) {
    return [fail(`the check's JSON Schema cannot be used: ${(e as Error).message}`)];
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map(unescapePointer),
    detail: `${e.instancePath || 'value'} ${e.message ?? 'is invalid'}`
  }));
}

const unescapePointer = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');
