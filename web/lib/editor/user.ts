// Who this browser is in a shared document: a display name asked once and remembered, and a
// colour that stays the same for that person across visits and tabs.

export interface LocalUser {
  name: string;
  color: string;
}

const NAME_KEY = 'clausework.user.name';
const COLOR_KEY = 'clausework.user.color';
const ASKED_KEY = 'clausework.user.asked';

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

export const MAX_NAME_LENGTH = 40;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be disabled (privacy settings); the user then gets a name per visit.
    return null;
  }
}

function randomIndex(n: number): number {
  const bytes = new Uint32Array(1);
  globalThis.crypto.getRandomValues(bytes);
  return (bytes[0] ?? 0) % n;
}

/** The remembered user, creating a "Guest 123" with a colour on the first visit. */
export function loadLocalUser(): LocalUser {
  const store = storage();
  let name = store?.getItem(NAME_KEY)?.trim() ?? '';
  let color = store?.getItem(COLOR_KEY) ?? '';
  if (!name) {
    name = `Guest ${100 + randomIndex(900)}`;
    store?.setItem(NAME_KEY, name);
  }
  if (!(USER_COLORS as readonly string[]).includes(color)) {
    color = USER_COLORS[randomIndex(USER_COLORS.length)]!;
    store?.setItem(COLOR_KEY, color);
  }
  return { name, color };
}

/** Cleans a typed name; null when nothing usable is left. */
export function cleanName(raw: string): string | null {
  const name = raw.replace(/[\u0000-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
  return name ? name.slice(0, MAX_NAME_LENGTH) : null;
}

export function saveName(name: string): void {
  storage()?.setItem(NAME_KEY, name);
  markNameAsked();
}

/** Whether the name prompt has already been shown (it is shown once, then only on request). */
export function nameAsked(): boolean {
  return storage()?.getItem(ASKED_KEY) === '1';
}

export function markNameAsked(): void {
  storage()?.setItem(ASKED_KEY, '1');
}
