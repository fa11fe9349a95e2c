// The connection registry on its own, with stand-in connections: role changes flip read-only
// live, removals and ended or expired sessions close connections, and the per-message check
// refuses what a closed or expired connection still sends.

import { describe, expect, it, vi } from 'vitest';
import type { Connection } from '@hocuspocus/server';
import { accessRegistry } from '../../server/collab/access-registry';
import type { CollabAuth, CollabContext } from '../../server/collab/authenticate';
import { createLogger } from '../../server/log';
import type { Role } from '../../server/access/roles';
import type { AccessChange, Actor, ValidSession } from '../../server/services';

const log = createLogger('silent');

function setup() {
  const roles = new Map<string, Role>(); // `${userId}:${documentName}` → role
  let listener: ((change: AccessChange) => void) | undefined;
  const auth = {
    access: {
      roleOn: async (actor: Actor, standardId: string) => roles.get(`${actor.user.id}:${standardId}`),
      onChange: (l: (change: AccessChange) => void) => {
        listener = l;
        return () => (listener = undefined);
      }
    }
  } as unknown as CollabAuth;
  const registry = accessRegistry({ auth, log });
  /** Announces a change and waits for the registry's lookups (storage is asynchronous). */
  const emit = async (change: AccessChange) => {
    listener!(change);
    await settle();
  };
  return { registry, roles, emit };
}

/** Lets pending promise chains (the registry's lookups) run to the end. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const actor = (userId: string): Actor => ({
  user: { id: userId, email: `${userId}@x.test`, name: userId, isAdmin: false, createdAt: '' },
  via: 'session',
  scope: 'full',
  credentialId: `session-of-${userId}`
});

interface FakeConnection {
  readOnly: boolean;
  socketId: string;
  webSocket: { close: ReturnType<typeof vi.fn> };
  close: ReturnType<typeof vi.fn>;
  sendStateless: ReturnType<typeof vi.fn>;
  onClose(callback: () => void): void;
  closeCallbacks: (() => void)[];
}

function connection(socket = { close: vi.fn() }, readOnly = false): FakeConnection {
  const c: FakeConnection = {
    readOnly,
    socketId: 's1',
    webSocket: socket,
    close: vi.fn(() => c.closeCallbacks.forEach((cb) => cb())),
    sendStateless: vi.fn(),
    onClose: (cb) => void c.closeCallbacks.push(cb),
    closeCallbacks: []
  };
  return c;
}

function context(userId: string, role: Role, overrides: Partial<CollabContext> = {}): CollabContext {
  return {
    actor: actor(userId),
    role,
    sessionId: `session-of-${userId}`,
    groupId: 'g1',
    expiresAt: Date.now() + 60_000,
    revalidate: async () => undefined,
    ...overrides
  };
}

/** A Hocuspocus message header: document name, then the message type (and a payload byte). */
function message(documentName: string, type: number): Uint8Array {
  const name = new TextEncoder().encode(documentName);
  return Uint8Array.from([name.length, ...name, type, 1, 0x41]);
}

async function connect(registry: ReturnType<typeof setup>['registry'], c: FakeConnection, ctx: CollabContext, documentName = 'std-1') {
  await registry.connected!({ connection: c as unknown as Connection, context: ctx, documentName } as never);
}

function handle(registry: ReturnType<typeof setup>['registry'], c: FakeConnection, ctx: CollabContext, type = 0, documentName = 'std-1') {
  return registry.beforeHandleMessage!({ connection: c as unknown as Connection, context: ctx, documentName, update: message(documentName, type) } as never);
}

describe('access registry', () => {
  it('a demoted editor becomes read-only at once, is told, and can be promoted back', async () => {
    const { registry, roles, emit } = setup();
    roles.set('u1:std-1', 'editor');
    const c = connection();
    const ctx = context('u1', 'editor');
    await connect(registry, c, ctx);
    roles.set('u1:std-1', 'reviewer');
    await emit({ kind: 'membership', userId: 'u1', groupId: 'g1' });
    expect(c.readOnly).toBe(true);
    expect(JSON.parse(c.sendStateless.mock.calls[0]![0])).toEqual({ type: 'access', role: 'reviewer', readOnly: true });
    expect(c.close).not.toHaveBeenCalled();
    await expect(handle(registry, c, ctx)).resolves.toBeUndefined(); // still reads
    roles.set('u1:std-1', 'editor');
    await emit({ kind: 'membership', userId: 'u1', groupId: 'g1' });
    expect(c.readOnly).toBe(false);
    expect(registry.roleOf(c as unknown as Connection)).toBe('editor');
    registry.dispose();
  });

  it('a removed member is closed with 4403 access-revoked; its later messages are refused', async () => {
    const { registry, roles, emit } = setup();
    roles.set('u1:std-1', 'editor');
    const c = connection();
    const ctx = context('u1', 'editor');
    await connect(registry, c, ctx);
    roles.delete('u1:std-1');
    await emit({ kind: 'membership', userId: 'u1', groupId: 'g1' });
    expect(c.readOnly).toBe(true);
    expect(c.close).toHaveBeenCalledWith({ code: 4403, reason: 'access-revoked' });
    expect(c.webSocket.close).toHaveBeenCalledWith(4403, 'access-revoked');
    expect(registry.actorOf(c as unknown as Connection)).toBeUndefined();
    registry.dispose();
  });

  it('changes in another group, or of another user, leave a connection alone', async () => {
    const { registry, roles, emit } = setup();
    roles.set('u1:std-1', 'editor');
    const c = connection();
    await connect(registry, c, context('u1', 'editor'));
    roles.delete('u1:std-1');
    await emit({ kind: 'membership', userId: 'u1', groupId: 'g2' });
    await emit({ kind: 'membership', userId: 'u2', groupId: 'g1' });
    await emit({ kind: 'sessions', userId: 'u1', sessionIds: ['another-session'] });
    expect(c.close).not.toHaveBeenCalled();
    expect(c.readOnly).toBe(false);
    registry.dispose();
  });

  it('a socket serving another document stays open when one document is revoked', async () => {
    const { registry, roles, emit } = setup();
    roles.set('u1:std-1', 'editor');
    roles.set('u1:std-2', 'editor');
    const socket = { close: vi.fn() };
    const one = connection(socket);
    const two = connection(socket);
    await connect(registry, one, context('u1', 'editor'), 'std-1');
    await connect(registry, two, { ...context('u1', 'editor'), groupId: 'g2' }, 'std-2');
    roles.delete('u1:std-1');
    await emit({ kind: 'membership', userId: 'u1', groupId: 'g1' });
    expect(one.close).toHaveBeenCalled();
    expect(two.close).not.toHaveBeenCalled();
    expect(socket.close).not.toHaveBeenCalled();
    registry.dispose();
  });

  it('an ended session closes its connections with 4401 session-ended', async () => {
    const { registry, roles, emit } = setup();
    roles.set('u1:std-1', 'editor');
    const c = connection();
    const ctx = context('u1', 'editor');
    await connect(registry, c, ctx);
    await emit({ kind: 'sessions', userId: 'u1' });
    expect(c.close).toHaveBeenCalledWith({ code: 4401, reason: 'session-ended' });
    registry.dispose();
  });

  it('a message after the session expired is refused unless the session was extended meanwhile', async () => {
    const { registry, roles } = setup();
    roles.set('u1:std-1', 'editor');
    const extended: ValidSession = { actor: actor('u1'), expiresAt: new Date(Date.now() + 60_000), renewed: true };
    const renewable = connection();
    const renewableCtx = context('u1', 'editor', { expiresAt: Date.now() - 1, revalidate: async () => extended });
    await connect(registry, renewable, renewableCtx);
    await expect(handle(registry, renewable, renewableCtx)).resolves.toBeUndefined();

    const expired = connection();
    const expiredCtx = context('u1', 'editor', { expiresAt: Date.now() - 1, revalidate: async () => undefined });
    await connect(registry, expired, expiredCtx);
    await expect(handle(registry, expired, expiredCtx)).rejects.toMatchObject({ code: 4401, reason: 'session-expired' });
    expect(expired.close).toHaveBeenCalledWith({ code: 4401, reason: 'session-expired' });
    registry.dispose();
  });

  it('access removed between authentication and registration is caught on the first message', async () => {
    const { registry } = setup(); // no role at all
    const c = connection();
    const ctx = context('u1', 'editor');
    await expect(handle(registry, c, ctx)).rejects.toMatchObject({ code: 4403, reason: 'access-revoked' });
    registry.dispose();
  });

  it('messages that arrive during an access check wait for it, in order; a failed check closes the connection', async () => {
    let answer: (role: Role | undefined) => void = () => undefined;
    let fail: (error: Error) => void = () => undefined;
    let listener: ((change: AccessChange) => void) | undefined;
    const auth = {
      access: {
        roleOn: () =>
          new Promise<Role | undefined>((resolve, reject) => {
            answer = resolve;
            fail = reject;
          }),
        onChange: (l: (change: AccessChange) => void) => {
          listener = l;
          return () => (listener = undefined);
        }
      }
    } as unknown as CollabAuth;
    const registry = accessRegistry({ auth, log });
    const c = connection();
    const ctx = context('u1', 'editor');
    const done: string[] = [];
    const first = handle(registry, c, ctx).then(() => done.push('first'));
    const second = handle(registry, c, ctx, 1).then(() => done.push('second'));
    await settle();
    expect(done).toEqual([]); // the registration's role lookup is still under way
    answer('editor');
    await Promise.all([first, second]);
    expect(done).toEqual(['first', 'second']);

    listener!({ kind: 'membership', userId: 'u1', groupId: 'g1' });
    const third = handle(registry, c, ctx);
    await settle();
    fail(new Error('database unavailable'));
    await expect(third).rejects.toMatchObject({ code: 1013, reason: expect.stringMatching(/^storage-failed/) });
    expect(c.close).toHaveBeenCalledWith(expect.objectContaining({ code: 1013 }));
    registry.dispose();
  });

  it('refuses a client broadcast (message type 6) and unauthenticated contexts', async () => {
    const { registry, roles } = setup();
    roles.set('u1:std-1', 'reviewer');
    const c = connection(undefined, true);
    const ctx = context('u1', 'reviewer');
    await connect(registry, c, ctx);
    await expect(handle(registry, c, ctx, 5)).resolves.toBeUndefined(); // a plain stateless message
    await expect(handle(registry, c, ctx, 6)).rejects.toMatchObject({ code: 4403, reason: expect.stringMatching(/^forbidden-message/) });
    await expect(handle(registry, connection(), {} as CollabContext)).rejects.toMatchObject({ reason: 'unauthenticated' });
    registry.dispose();
  });
});
