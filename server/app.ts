// Builds the whole server from a configuration: storage, collaboration socket, services and the
// web app on ONE HTTP server. main.ts runs it as a process; tests may start it in-process.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config';
import { createLogger, type Logger } from './log';
import { attachCollab, COLLAB_PATH } from './collab/server';
import { registerServices, type Services } from './services';
import { openStorage } from './storage/open';
import { seedIfEmpty } from './seed';
import { standardsService } from './standards';
import { documentService } from './documents';
import { webHandler } from './web-handler';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface RunningServer {
  port: number;
  url: string;
  services: Services;
  /** Stops accepting connections, compacts open documents and closes the database. */
  close(): Promise<void>;
}

export async function startServer(config: Config, log: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const storage = openStorage(config);
  const http = createServer(webHandler(ROOT, log));
  const collab = attachCollab(http, {
    config,
    store: storage.documents,
    log,
    exists: (id) => storage.standards.get(id) !== undefined
  });
  const standards = standardsService({ storage, log, evict: (id) => collab.evict(id) });
  const services: Services = {
    standards,
    document: documentService({ store: storage.documents, standards, hocuspocus: collab.hocuspocus }),
    collabPath: COLLAB_PATH
  };
  try {
    seedIfEmpty(storage, standards.createFrom, log);
    registerServices(services);
    await new Promise<void>((done, fail) => {
      http.once('error', fail);
      http.listen(config.port, config.host, () => done());
    });
  } catch (error) {
    storage.close();
    throw error;
  }
  const port = (http.address() as AddressInfo).port;
  // Announced even at LOG_LEVEL=warn/error: scripts and tests read the port from this line.
  const announce = config.logLevel === 'silent' ? log : createLogger('info');
  announce.info('listening', { port, host: config.host, dataDir: config.dataDir });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await collab.close();
      http.closeAllConnections();
      await new Promise<void>((done) => http.close(() => done()));
      storage.close();
      log.info('stopped', {});
    })());
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return { port, url: `http://${host}:${port}`, services, close };
}
