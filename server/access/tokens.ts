// Secrets handed to people (session cookies, API tokens, invitation links) and how they are
// stored: only the hex SHA-256 of a token ever reaches the database, so a leaked database does
// not let anyone log in. Lucia's design: 20 random bytes (160 bits), base32 in lower case.

import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** API tokens start with this, so secret scanners and people recognise them. */
export const API_TOKEN_PREFIX = 'cw_';

const TOKEN_BYTES = 20;
const ID_BYTES = 10;

function randomBase32(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

/** A new secret token (32 characters of base32). */
export function newToken(): string {
  return randomBase32(TOKEN_BYTES);
}

/** A new API token: the prefix and a secret token. */
export function newApiToken(): string {
  return API_TOKEN_PREFIX + newToken();
}

/** A public identifier such as "u-mfzwizltmvzq" (not a secret: ids appear in URLs and logs). */
export function newRowId(prefix: string): string {
  return `${prefix}-${randomBase32(ID_BYTES)}`;
}

/** What the database stores for a token: its SHA-256 in lower-case hex. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
