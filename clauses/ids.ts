// Stable ids for clauses and blocks. Short, random and unguessable enough that two clients
// creating content at the same moment never collide; crypto.getRandomValues exists in browsers
// and in Node 20, so the same code runs on both sides.

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const LENGTH = 8;

/** What each prefix names, so an id says what it points at ("c-7f3k2m9q" is a clause). */
export const ID_PREFIX = {
  clause: 'c',
  paragraph: 'p',
  note: 'n',
  example: 'e',
  table: 't',
  figure: 'f',
  code: 'k',
  term: 'd',
  reference: 'r'
} as const;

/** A new random id such as "c-7f3k2m9q". */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  let tail = '';
  // 256 is not a multiple of 36; the slight bias is harmless for ids.
  for (const b of bytes) tail += ALPHABET[b % ALPHABET.length];
  return `${prefix}-${tail}`;
}

const ID_SHAPE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Whether a string may serve as an id (what the JSON Schema and the editor accept). */
export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && ID_SHAPE.test(id);
}
