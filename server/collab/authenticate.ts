// The one place where access control plugs into the collaboration socket (Hocuspocus
// onAuthenticate). Everyone may edit for now; issue 5 adds accounts and roles: resolve the user
// from `token`/cookies here, throw to refuse, and set `connectionConfig.readOnly` for reviewers.

import type { onAuthenticatePayload } from '@hocuspocus/server';

export interface CollabUser {
  id: string;
  name: string;
}

export async function authenticate(_payload: onAuthenticatePayload): Promise<{ user: CollabUser | null }> {
  return { user: null };
}
