// Who this browser is in a shared document: the signed-in account's display name, and a colour
// derived from the account id, so a person keeps the same colour in every tab and every visit
// and co-authors see the same colour for them.

export interface LocalUser {
  id: string;
  name: string;
  color: string;
}

/** Readable on white and distinct from each other and from the kind colours' tints. */
export const USER_COLORS = [
  '#d1495b',
  '#00798c',
  '#6a4c93',
  '#2e8b57',
  '#e07a1f',
  '#3d5a80',
  '#b5179e',
  '#8a6d1d',
  '#0f7173',
  '#c0392b'
] as const;

/** A stable colour for an account id (FNV-1a over its characters). */
export function colorFor(userId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return USER_COLORS[(hash >>> 0) % USER_COLORS.length]!;
}

export function localUser(account: { id: string; name: string }): LocalUser {
  return { id: account.id, name: account.name, color: colorFor(account.id) };
}
