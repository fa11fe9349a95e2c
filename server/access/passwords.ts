// Password hashing (argon2id with OWASP's minimum parameters) and the rules a new password
// must meet.

import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { InputError } from '../services';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

// `Algorithm` is an ambient const enum, which isolated modules cannot read; 2 is Argon2id.
const OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** False for a wrong password and for a hash that cannot be read (never throws for those). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of a real verification when there is no account to check against, so the
 * response time of a login does not tell whether the email is registered.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword('clausework-dummy-password-' + crypto.randomUUID());
  await verifyPassword(await dummy, password);
  return false;
}

/** Throws InputError (400) naming the rule a new password breaks. */
export function checkNewPassword(password: unknown): string {
  if (typeof password !== 'string') throw new InputError('The password must be text.');
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new InputError(`The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw new InputError(`The password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`);
  }
  return password;
}
