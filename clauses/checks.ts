// Validation of a requirement's machine checks, field by field, so the editor's side panel can put
// each message beside the input that caused it. Every check must turn into a stock Spectral rule
// (shared/design/rules-format.md), so what is accepted here is what the exporter can emit.

import { JSONPath } from 'jsonpath-plus';
import Ajv from 'ajv';
import { CHECK_ARTIFACTS, CHECK_OPS, SEVERITIES, type CheckOp } from './model';
import { isValidId } from './ids';

export interface CheckFieldError {
  /** Dotted path of the offending field, e.g. "assert.regex" or "target.selector.expr". */
  field: string;
  message: string;
}

const REGEX_OPS: readonly CheckOp[] = ['matches', 'not-matches', 'keys-match', 'keys-not-match'];
const KEY_OPS: readonly CheckOp[] = ['keys-match', 'keys-not-match'];
// Prose is checked as text (Vale-style), so only text patterns make sense on it.
const PROSE_OPS: readonly CheckOp[] = ['matches', 'not-matches'];
const ALLOWED_FLAGS = 'imsu';

const TOP_KEYS = ['id', 'target', 'assert', 'severity', 'message'];
const TARGET_KEYS = ['artifact', 'files', 'selector'];
const ASSERT_KEYS = ['op', 'field', 'regex', 'flags', 'values', 'schema'];

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unknownKeys(obj: Obj, allowed: string[], prefix: string, errors: CheckFieldError[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key))
      errors.push({ field: prefix + key, message: `unknown field "${key}" (allowed: ${allowed.join(', ')})` });
  }
}

function oneOf(list: readonly string[]): string {
  return list.map((x) => `"${x}"`).join(', ');
}

/** Bracket, parenthesis and quote balance, which jsonpath-plus does not itself insist on. */
function balanceError(expr: string): string | undefined {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ']': '[', ')': '(' };
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') stack.push(c);
    else if (c === ']' || c === ')') {
      if (stack.pop() !== pairs[c]) return `unbalanced "${c}" at character ${i + 1}`;
    }
  }
  if (quote) return `unterminated string starting with ${quote}`;
  if (stack.length) return `"${stack[stack.length - 1]}" is never closed`;
  return undefined;
}

// A document with something at every depth, so that filter expressions are actually evaluated
// (jsonpath-plus parses a filter only when it has nodes to apply it to).
const PROBE = { a: { b: { c: 1 }, d: [{ e: 1 }, { e: 'x' }] }, f: [1, { g: true }] };

/** Why a JSONPath selector is malformed, or undefined when jsonpath-plus accepts it. */
export function jsonPathError(expr: string): string | undefined {
  if (!expr.trim()) return 'the selector is empty';
  if (!expr.startsWith('$')) return 'a JSONPath selector starts with "$" (the document root)';
  const unbalanced = balanceError(expr);
  if (unbalanced) return unbalanced;
  if (/\.\.\.|\.$|\[\]/.test(expr)) return 'an empty path segment';
  try {
    // Each filter is also run on its own over the probe, with the safe evaluator (no script
    // runs from a check), so its syntax is checked even where the full path selects nothing.
    const filters = JSONPath.toPathArray(expr).filter((seg) => seg.startsWith('?('));
    for (const path of [expr, ...filters.map((f) => `$..[${f}]`)])
      JSONPath({ path, json: PROBE, eval: 'safe', wrap: true });
  } catch (e) {
    return `not valid JSONPath: ${(e as Error).message}`;
  }
  return undefined;
}

function validateTarget(target: unknown, errors: CheckFieldError[]): string | undefined {
  if (!isObject(target)) {
    errors.push({ field: 'target', message: 'target is required: { artifact, selector }' });
    return undefined;
  }
  unknownKeys(target, TARGET_KEYS, 'target.', errors);
  const artifact = target.artifact;
  if (typeof artifact !== 'string' || !(CHECK_ARTIFACTS as readonly string[]).includes(artifact))
    errors.push({ field: 'target.artifact', message: `artifact must be one of ${oneOf(CHECK_ARTIFACTS)}` });
  if (target.files !== undefined) {
    if (!Array.isArray(target.files)) errors.push({ field: 'target.files', message: 'files must be a list of glob patterns' });
    else
      target.files.forEach((f, i) => {
        if (typeof f !== 'string' || !f.trim())
          errors.push({ field: `target.files.${i}`, message: 'a file pattern must be a non-empty string' });
      });
  }
  const selector = target.selector;
  if (!isObject(selector)) {
    errors.push({ field: 'target.selector', message: 'selector is required: { lang: "jsonpath", expr }' });
  } else {
    unknownKeys(selector, ['lang', 'expr'], 'target.selector.', errors);
    if (selector.lang !== 'jsonpath')
      errors.push({ field: 'target.selector.lang', message: 'the selector language must be "jsonpath"' });
    if (typeof selector.expr !== 'string')
      errors.push({ field: 'target.selector.expr', message: 'the selector expression must be a string such as "$..properties"' });
    else {
      const why = jsonPathError(selector.expr);
      if (why) errors.push({ field: 'target.selector.expr', message: why });
    }
  }
  return typeof artifact === 'string' ? artifact : undefined;
}

function validateRegex(a: Obj, errors: CheckFieldError[]): void {
  const flags = a.flags ?? '';
  let flagsOk = true;
  if (typeof flags !== 'string' || [...flags].some((f, i) => !ALLOWED_FLAGS.includes(f) || flags.indexOf(f) !== i)) {
    errors.push({ field: 'assert.flags', message: `flags are letters from "${ALLOWED_FLAGS}", each at most once` });
    flagsOk = false;
  }
  if (typeof a.regex !== 'string' || !a.regex) {
    errors.push({ field: 'assert.regex', message: `"${String(a.op)}" needs a regular expression` });
    return;
  }
  try {
    new RegExp(a.regex, flagsOk ? (flags as string) : '');
  } catch (e) {
    errors.push({ field: 'assert.regex', message: `the regular expression does not compile: ${(e as Error).message}` });
  }
}

let ajv: Ajv | undefined;

function validateSchema(schema: unknown, errors: CheckFieldError[]): void {
  if (!isObject(schema)) {
    errors.push({ field: 'assert.schema', message: '"json-schema" needs a JSON Schema object' });
    return;
  }
  ajv ??= new Ajv({ strict: false, allErrors: true });
  if (!ajv.validateSchema(schema)) {
    const first = ajv.errors?.[0];
    const where = first?.instancePath ? ` at ${first.instancePath}` : '';
    errors.push({ field: 'assert.schema', message: `not a valid JSON Schema${where}: ${first?.message ?? 'invalid'}` });
  }
}

function validateAssert(assert: unknown, artifact: string | undefined, errors: CheckFieldError[]): void {
  if (!isObject(assert)) {
    errors.push({ field: 'assert', message: 'assert is required: { op, … }' });
    return;
  }
  unknownKeys(assert, ASSERT_KEYS, 'assert.', errors);
  const op = assert.op;
  if (typeof op !== 'string' || !(CHECK_OPS as readonly string[]).includes(op)) {
    errors.push({ field: 'assert.op', message: `op must be one of ${oneOf(CHECK_OPS)}` });
    return;
  }
  const known = op as CheckOp;
  if (artifact === 'prose' && !PROSE_OPS.includes(known))
    errors.push({ field: 'assert.op', message: `prose is checked as text: use ${oneOf(PROSE_OPS)}` });
  if (assert.field !== undefined && (typeof assert.field !== 'string' || !assert.field.trim()))
    errors.push({ field: 'assert.field', message: 'field must be a non-empty property name' });
  if (KEY_OPS.includes(known) && assert.field !== undefined && assert.field !== '@key')
    errors.push({ field: 'assert.field', message: `"${known}" tests property names; leave field empty` });

  const uses = {
    regex: REGEX_OPS.includes(known),
    values: known === 'in-enum',
    schema: known === 'json-schema'
  };
  if (uses.regex) validateRegex(assert, errors);
  else {
    if (assert.regex !== undefined) errors.push({ field: 'assert.regex', message: `"${known}" does not use a regular expression` });
    if (assert.flags !== undefined) errors.push({ field: 'assert.flags', message: `"${known}" does not use regex flags` });
  }
  if (uses.values) {
    const values = assert.values;
    if (!Array.isArray(values) || values.length === 0)
      errors.push({ field: 'assert.values', message: '"in-enum" needs a non-empty list of allowed values' });
    else
      values.forEach((v, i) => {
        if (v !== null && !['string', 'number', 'boolean'].includes(typeof v))
          errors.push({ field: `assert.values.${i}`, message: 'an allowed value is a string, number, boolean or null' });
      });
  } else if (assert.values !== undefined)
    errors.push({ field: 'assert.values', message: `"${known}" does not use a list of values` });
  if (uses.schema) validateSchema(assert.schema, errors);
  else if (assert.schema !== undefined)
    errors.push({ field: 'assert.schema', message: `"${known}" does not use a schema` });
}

/** Every problem with one check, as field-level messages; an empty list means it is valid. */
export function validateCheck(check: unknown): CheckFieldError[] {
  const errors: CheckFieldError[] = [];
  if (!isObject(check)) return [{ field: '', message: 'a check must be an object' }];
  unknownKeys(check, TOP_KEYS, '', errors);
  if (!isValidId(check.id))
    errors.push({ field: 'id', message: 'id must start with a letter and hold only letters, digits, "-" or "_" (at most 64)' });
  const artifact = validateTarget(check.target, errors);
  validateAssert(check.assert, artifact, errors);
  if (typeof check.severity !== 'string' || !(SEVERITIES as readonly string[]).includes(check.severity))
    errors.push({ field: 'severity', message: `severity must be one of ${oneOf(SEVERITIES)}` });
  if (typeof check.message !== 'string' || !check.message.trim())
    errors.push({ field: 'message', message: 'message must say what is wrong when the check fails' });
  return errors;
}

/** Problems with a requirement's list of checks, field paths prefixed by the check's index. */
export function validateChecks(checks: unknown): CheckFieldError[] {
  if (!Array.isArray(checks)) return [{ field: '', message: 'checks must be a list' }];
  const errors: CheckFieldError[] = [];
  const seen = new Set<string>();
  checks.forEach((check, i) => {
    for (const e of validateCheck(check)) errors.push({ field: e.field ? `${i}.${e.field}` : String(i), message: e.message });
    const id = isObject(check) ? check.id : undefined;
    if (typeof id === 'string') {
      if (seen.has(id)) errors.push({ field: `${i}.id`, message: `check id "${id}" is used twice in this requirement` });
      seen.add(id);
    }
  });
  return errors;
}
