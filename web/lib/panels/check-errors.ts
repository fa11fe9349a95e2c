// Puts each validation message from clauses/checks beside the input it is about.

import type { CheckFieldError } from '../../../clauses/checks';
import type { CheckForm } from './check-form';

/** The model path each form input edits; the longest matching prefix wins. */
const FIELD_PATHS: [keyof CheckForm, string][] = [
  ['id', 'id'],
  ['artifact', 'target.artifact'],
  ['files', 'target.files'],
  ['selector', 'target.selector'],
  ['op', 'assert.op'],
  ['field', 'assert.field'],
  ['regex', 'assert.regex'],
  ['flags', 'assert.flags'],
  ['values', 'assert.values'],
  ['schema', 'assert.schema'],
  ['severity', 'severity'],
  ['message', 'message']
];

export type FormErrors = Partial<Record<keyof CheckForm | 'general', string[]>>;

function inputFor(path: string): keyof CheckForm | 'general' {
  let best: [keyof CheckForm, string] | undefined;
  for (const entry of FIELD_PATHS) {
    const [, prefix] = entry;
    if ((path === prefix || path.startsWith(`${prefix}.`)) && (!best || prefix.length > best[1].length)) best = entry;
  }
  return best ? best[0] : 'general';
}

/** Errors of `validateChecks` grouped per check index, then per form input. */
export function errorsByCheck(errors: CheckFieldError[], count: number): FormErrors[] {
  const out: FormErrors[] = Array.from({ length: count }, () => ({}));
  for (const error of errors) {
    const [index, ...rest] = error.field.split('.');
    const slot = out[Number(index)];
    if (!slot) continue;
    const input = inputFor(rest.join('.'));
    (slot[input] ??= []).push(error.message);
  }
  return out;
}
