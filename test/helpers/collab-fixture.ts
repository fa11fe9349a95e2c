// The lifecycle shared by the collaboration integration suites: one server process and the
// clients connected to it, all torn down after each test so no test sees another's state.
// Every page and socket needs a signed-in user (issue 5): clients connect as the administrator of
// the server's data directory (ownerOf), who is convenor of every group and so may edit anything.

import { afterAll, afterEach } from 'vitest';
import { connectClient, ownerOf, removeTempDataDirs, type Client, type ConnectOptions, type ServerProcess } from './server';

export interface CollabFixture {
  /** The server the current test started (assign it); killed after the test. */
  server: ServerProcess | undefined;
  /**
   * Connects a real HocuspocusProvider to standard `id` on the current server, signed in with the
   * owner's session unless `options.token` names another.
   */
  connect(id: string, options?: ConnectOptions): Promise<Client>;
  /** The owner's session token for the current server's data directory. */
  token(): Promise<string>;
  /** Destroys every client connected so far (e.g. before a restart). */
  dropClients(): void;
}

export function collabFixture(): CollabFixture {
  const clients: Client[] = [];
  const fixture: CollabFixture = {
    server: undefined,
    async token() {
      if (!fixture.server) throw new Error('start a server before asking for its owner');
      return (await ownerOf(fixture.server.dataDir)).token;
    },
    async connect(id, options = {}) {
      if (!fixture.server) throw new Error('start a server before connecting clients');
      const token = options.token ?? (await fixture.token());
      const client = await connectClient(fixture.server.wsUrl, id, { ...options, token });
      clients.push(client);
      return client;
    },
    dropClients() {
      clients.splice(0).forEach((client) => client.destroy());
    }
  };
  afterEach(async () => {
    fixture.dropClients();
    await fixture.server?.kill();
    fixture.server = undefined;
  });
  afterAll(() => removeTempDataDirs());
  return fixture;
}
