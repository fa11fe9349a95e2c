// What a data check looks at, in the terms Spectral uses (`given`, `then.field`). The Spectral
// writer and the reference checker both read it from here, so they cannot drift apart.

import type { RuleCheck } from './format';

export interface CheckTarget {
  /** JSONPath selecting the nodes the assertion is applied to. */
  given: string;
  /** "@key" to test each key of the selected objects; a dotted property path; or none. */
  field?: string;
}

const KEY_OPS = new Set(['keys-match', 'keys-not-match']);

export function checkTarget(check: RuleCheck): CheckTarget {
  const { expr } = check.target.selector;
  const { op, field } = check.assert;
  if (KEY_OPS.has(op)) {
    // The keys tested are those of the object at `field` below each selected node.
    const below = field && field !== '@key' ? fieldAsJsonPath(field) : '';
    return { given: expr + below, field: '@key' };
  }
  if (!field) return { given: expr };
  // Spectral reads a field starting with "$" as JSONPath, and lodash's dotted paths give
  // brackets a meaning: any name that is not a plain word goes in quoted JSONPath brackets.
  return { given: expr, field: field.split('.').every((n) => PLAIN_NAME.test(n)) ? field : `$${fieldAsJsonPath(field)}` };
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** "a.b" as the bracketed JSONPath segments "['a']['b']" (names never hold quotes: schema). */
function fieldAsJsonPath(field: string): string {
  return field
    .split('.')
    .map((name) => `['${name}']`)
    .join('');
}

/** The regex as Spectral's pattern function reads it: always "/source/flags". */
export function spectralRegex(check: RuleCheck): string {
  return `/${check.assert.regex ?? ''}/${check.assert.flags ?? ''}`;
}
