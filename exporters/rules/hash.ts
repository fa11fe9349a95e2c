// Hashes and name-based UUIDs for the rule set. node:crypto is computation, not I/O; the rule
// exporters run on the server and in the CLI, where it is many times faster than a JS digest
// (it keeps exportRules on a 2,000-clause standard well inside its 100 ms budget).

import { createHash, hash } from 'node:crypto';

export function sha256Hex(text: string): string {
  // The one-shot form (Node 20.12+) skips building a Hash object: it matters for 6,000 rules.
  return hash('sha256', text, 'hex');
}

/** NFC, whitespace runs collapsed to one space, trimmed: edits that change nothing a reader sees
 *  (re-wrapping, a non-breaking space for a space) keep the hash. */
export function normaliseText(text: string): string {
  // Most requirement text is ASCII with single spaces: skip the work it does not need.
  const nfc = NON_ASCII.test(text) ? text.normalize('NFC') : text;
  return IRREGULAR_SPACE.test(nfc) ? nfc.replace(/\s+/gu, ' ').trim() : nfc;
}

const NON_ASCII = /[^\x00-\x7f]/;
// Anything the collapsing would change: a run of white space, a white space other than a
// space, or white space at either end.
const IRREGULAR_SPACE = /\s\s|[^\S ]|^\s|\s$/u;

export function textSha256(text: string): string {
  return sha256Hex(normaliseText(text));
}

/** JSON with object keys sorted at every level, so equal values hash equally whatever the key
 *  order they were built or parsed with. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = sortKeys(value[i]);
    return out;
  }
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of sortedKeys(record)) {
    const v = record[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

// A draft has a few dozen object shapes repeated thousands of times: sort each shape once.
// This halves the cost of hashing a 2,000-clause draft.
const shapes = new Map<string, string[]>();
const MAX_SHAPES = 4096;

function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  const shape = keys.join('\u0000');
  const cached = shapes.get(shape);
  // Joined names can collide ("a\0", "b" vs "a", "\0b"): a cached list counts only when it
  // names exactly these keys.
  if (cached && cached.length === keys.length && cached.every((k) => Object.hasOwn(record, k))) return cached;
  const sorted = keys.sort();
  if (shapes.size >= MAX_SHAPES) shapes.clear();
  shapes.set(shape, sorted);
  return sorted;
}

// RFC 4122 v5 namespace for Clausework names (a fixed random UUID, never to change).
const NAMESPACE = Buffer.from('6f1c2a8e4b7d4e0f9a3c5d2b1e8f7a60', 'hex');

/** A UUID v5 (SHA-1, RFC 4122) for a name: the same name always gives the same UUID. */
export function uuidFromName(name: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
