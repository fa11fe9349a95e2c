// Who lost or changed access: the accounts and groups services announce it here, and the
// collaboration socket listens so a removed member or an ended session loses access at once.

import type { AccessChange } from '../services';
import type { Logger } from '../log';

export interface ChangeHub {
  emit(change: AccessChange): void;
  onChange(listener: (change: AccessChange) => void): () => void;
}

export function changeHub(log?: Logger): ChangeHub {
  const listeners = new Set<(change: AccessChange) => void>();
  return {
    emit(change) {
      for (const listener of [...listeners]) {
        // One failing listener must not keep the others from closing connections.
        try {
          listener(change);
        } catch (error) {
          log?.error('access.change_listener_failed', { kind: change.kind, error });
        }
      }
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    }
  };
}
