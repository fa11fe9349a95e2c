// The lifecycle shared by the collaboration integration suites: one server process and the
// clients connected to it, all torn down after each test so no test sees another's state.

import { afterAll, afterEach } from 'vitest';
import { connectClient, removeTempDataDirs, type Client, type ServerProcess } from './server';

export interface CollabFixture {
  /** The server the current test started (assign it); killed after the test. */
  server: ServerProcess | undefined;
  /** Connects a real HocuspocusProvider to standard `id` on the current server. */
  connect(id: string): Promise<Client>;
  /** Destroys every client connected so far (e.g. before a restart). */
  dropClients(): void;
}

export function collabFixture(): CollabFixture {
  const clients: Client[] = [];
  const fixture: CollabFixture = {
    server: undefined,
    async connect(id) {
      if (!fixture.server) throw new Error('start a server before connecting clients');
      const client = await connectClient(fixture.server.wsUrl, id);
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
