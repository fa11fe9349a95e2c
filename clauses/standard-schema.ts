// The Standard's JSON Schema (draft 2020-12) and a validator for values that arrive from outside
// (uploads, the CLI, stored JSON). Ajv compiles the schema once, on first use.

import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from './standard.schema.json';
import type { Standard } from './model';

export const STANDARD_SCHEMA = schema;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, strictTuples: false });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

export interface SchemaProblem {
  /** JSON Pointer to the offending value, "" for the root. */
  path: string;
  message: string;
}

/** Problems that keep a value from being a valid Standard; empty when it is one. */
export function standardSchemaProblems(value: unknown): SchemaProblem[] {
  const validate = validator();
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => ({ path: e.instancePath, message: e.message ?? 'invalid' }));
}

/** Whether a value is a valid Standard by the schema. */
export function isStandard(value: unknown): value is Standard {
  return validator()(value) === true;
}
