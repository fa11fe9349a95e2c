// The requirement panel edits a machine check as a flat form (text inputs and selects); these
// functions turn a `Check` into that form and back. Only the fields the chosen assertion uses are
// written back, so switching the operator never leaves stale fields that validation would reject.

import type { Check, CheckArtifact, CheckOp, Severity } from '../../../clauses/model';
import { newId } from '../../../clauses/ids';

export interface CheckForm {
  id: string;
  artifact: CheckArtifact;
  /** Glob patterns, comma separated. */
  files: string;
  selector: string;
  op: CheckOp;
  field: string;
  regex: string;
  flags: string;
  /** One allowed value per line; a line that parses as JSON (42, true, null, "x") is that value. */
  values: string;
  /** The JSON Schema as JSON text. */
  schema: string;
  severity: Severity;
  message: string;
}

/** The inputs each operator shows, besides selector, severity and message. */
export const OP_FIELDS: Record<CheckOp, readonly ('field' | 'regex' | 'flags' | 'values' | 'schema')[]> = {
  present: ['field'],
  absent: ['field'],
  truthy: ['field'],
  falsy: ['field'],
  matches: ['field', 'regex', 'flags'],
  'not-matches': ['field', 'regex', 'flags'],
  'keys-match': ['regex', 'flags'],
  'keys-not-match': ['regex', 'flags'],
  'in-enum': ['field', 'values'],
  'json-schema': ['field', 'schema']
};

export function newCheckForm(): CheckForm {
  return {
    id: newId('chk'),
    artifact: 'data-schema',
    files: '',
    selector: '$',
    op: 'present',
    field: '',
    regex: '',
    flags: '',
    values: '',
    schema: '',
    severity: 'error',
    message: ''
  };
}

export function checkToForm(check: Check): CheckForm {
  const a = check.assert;
  return {
    id: check.id,
    artifact: check.target.artifact,
    files: (check.target.files ?? []).join(', '),
    selector: check.target.selector.expr,
    op: a.op,
    field: a.field ?? '',
    regex: a.regex ?? '',
    flags: a.flags ?? '',
    values: (a.values ?? []).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n'),
    schema: a.schema ? JSON.stringify(a.schema, null, 2) : '',
    severity: check.severity,
    message: check.message
  };
}

/** A value line: JSON scalars as themselves, anything else as the string typed. */
function parseValue(line: string): string | number | boolean | null {
  try {
    const v: unknown = JSON.parse(line);
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return v as string | number | boolean | null;
  } catch {
    // not JSON: the line is a string value
  }
  return line;
}

/**
 * The check a form describes. Malformed JSON in the schema box is passed on as a string so that
 * validation reports it beside that box instead of losing what was typed.
 */
export function formToCheck(form: CheckForm): Check {
  const uses = OP_FIELDS[form.op];
  const assert: Record<string, unknown> = { op: form.op };
  if (uses.includes('field') && form.field.trim()) assert.field = form.field.trim();
  if (uses.includes('regex')) assert.regex = form.regex;
  if (uses.includes('flags') && form.flags) assert.flags = form.flags;
  if (uses.includes('values')) {
    assert.values = form.values
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map(parseValue);
  }
  if (uses.includes('schema')) assert.schema = parseSchema(form.schema);
  const files = form.files
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  return {
    id: form.id,
    target: {
      artifact: form.artifact,
      ...(files.length ? { files } : {}),
      selector: { lang: 'jsonpath', expr: form.selector.trim() }
    },
    assert: assert as Check['assert'],
    severity: form.severity,
    message: form.message.trim()
  };
}

function parseSchema(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return text as unknown as Record<string, unknown>;
  }
}

/** Whether the schema box holds text that is not JSON, said plainly. */
export function schemaSyntaxError(form: CheckForm): string | undefined {
  if (form.op !== 'json-schema' || !form.schema.trim()) return undefined;
  try {
    JSON.parse(form.schema);
    return undefined;
  } catch (e) {
    return `not JSON: ${(e as Error).message}`;
  }
}
