// Who is in the document, from the provider's awareness states.

import type { HocuspocusProvider } from '@hocuspocus/provider';
import type { PresenceUser } from './context.svelte';

/** One entry per connected client that announced a user, this tab first. */
export function presentUsers(provider: HocuspocusProvider): PresenceUser[] {
  const awareness = provider.awareness;
  if (!awareness) return [];
  const self = awareness.clientID;
  const users: PresenceUser[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
    if (!user || typeof user.name !== 'string') continue;
    users.push({
      clientId,
      name: user.name,
      color: typeof user.color === 'string' ? user.color : '#888888',
      self: clientId === self
    });
  }
  return users.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

/** Calls `onChange` with the users now and whenever someone joins, leaves or renames. */
export function watchPresence(
  provider: HocuspocusProvider,
  onChange: (users: PresenceUser[]) => void
): () => void {
  const update = () => onChange(presentUsers(provider));
  provider.on('awarenessChange', update);
  update();
  return () => provider.off('awarenessChange', update);
}
