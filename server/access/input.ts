// Checks on what people type into account and group forms, with messages that say what to fix.

import { InputError } from '../services';

const MAX_EMAIL_LENGTH = 254;
// Deliberately loose: something@something.tld. Only a sent email proves an address; we send none.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Emails are compared and stored trimmed and lower-cased. */
export function normalizeEmail(email: unknown): string {
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

export function checkEmail(email: unknown): string {
  const normal = normalizeEmail(email);
  if (normal === '') throw new InputError('Enter an email address.');
  if (normal.length > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.test(normal)) {
    throw new InputError(`"${String(email).trim().slice(0, 80)}" is not an email address.`);
  }
  return normal;
}

/** A one-line text such as a person's name or a token label: trimmed, 1..max characters. */
export function checkLine(value: unknown, what: string, max: number): string {
  if (typeof value !== 'string') throw new InputError(`${what} must be text.`);
  const text = value.trim();
  if (text === '') throw new InputError(`${what} must not be empty.`);
  if (CONTROL.test(text)) throw new InputError(`${what} must be a single line without control characters.`);
  if ([...text].length > max) throw new InputError(`${what} is too long: at most ${max} characters.`);
  return text;
}

/** A whole number of days within [min, max], or `fallback` when absent. */
export function checkDays(value: unknown, what: string, min: number, max: number, fallback?: number): number | undefined {
  if (value === undefined || value === null || value === '') return fallback;
  const days = typeof value === 'string' ? Number(value) : value;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < min || days > max) {
    throw new InputError(`${what} must be a whole number of days from ${min} to ${max}.`);
  }
  return days;
}
