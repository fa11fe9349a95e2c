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
import { accountsService } from './access/accounts';
import { accessService } from './access/access';
import { changeHub } from './access/changes';
import { groupsService } from './access/groups';
import { LoginLimits, type LoginLimitOptions } from './access/rate-limit';
import { startScaleOut } from './redis/scale-out';
import { threadsService } from './review/threads';
import { markdownImporter } from './import/worker';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Expired sessions are refused when used anyway; the sweep only keeps the table small. */
const SESSION_SWEEP_MS = 60 * 60 * 1000;
/** How long startup waits for Redis before serving anyway (the relays catch up once it answers). */
const REDIS_STARTUP_WAIT_MS = 3000;

export interface StartOptions {
  /** Login and sign-up limits (tests use small numbers); production defaults otherwise. */
  loginLimits?: LoginLimitOptions;
}

const FIFTEEN_MINUTES = 15 * 60;

function loginLimitsOf(config: Config): LoginLimitOptions {
  return {
    perIp: { points: config.loginAttemptsPerIp, durationSeconds: FIFTEEN_MINUTES },
    perAccount: { points: config.loginFailuresPerAccount, durationSeconds: FIFTEEN_MINUTES }
  };
}

export interface RunningServer {
  port: number;
  url: string;
  services: Services;
  /** Stops accepting connections, compacts open documents and closes the database. */
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  log: Logger = createLogger(config.logLevel),
  options: StartOptions = {}
): Promise<RunningServer> {
  const storage = await openStorage(config);
  const changes = changeHub(log);
  // REDIS_URL: several instances serve the same documents (see server/redis/scale-out.ts).
  const scaleOut = config.redisUrl
    ? startScaleOut({ url: config.redisUrl, prefix: config.redisPrefix, changes, log })
    : undefined;
  const limits = new LoginLimits({ limiters: scaleOut?.limiters, ...(options.loginLimits ?? loginLimitsOf(config)) });
  const accounts = accountsService({ storage, changes, log, limits });
  const groups = groupsService({ storage, changes, log });
  const access = accessService({ storage, groups, changes });
  const threads = threadsService({ storage, access, log });
  const http = createServer(webHandler(ROOT, log));
  const collab = attachCollab(http, {
    config,
    store: storage.documents,
    log,
    exists: async (id) => (await storage.standards.get(id)) !== undefined,
    extensions: scaleOut ? [scaleOut.documentRelay] : [],
    auth: { accounts, access, threads, standardGroup: async (id) => (await storage.standards.get(id))?.groupId }
  });
  const standards = standardsService({ storage, log, evict: (id) => collab.evict(id) });
  const importer = markdownImporter({ timeoutMs: config.importTimeoutMs, log });
  const services: Services = {
    standards,
    document: documentService({ store: storage.documents, standards, hocuspocus: collab.hocuspocus, log, importer }),
    accounts,
    groups,
    access,
    threads,
    collabPath: COLLAB_PATH
  };
  const sweep = setInterval(() => {
    accounts.sweepExpiredSessions().then(
      (removed) => removed > 0 && log.info('sessions.swept', { removed }),
      (error: unknown) => log.error('sessions.sweep_failed', { error })
    );
  }, SESSION_SWEEP_MS);
  sweep.unref();
  try {
    if (scaleOut) await waitAtMost(scaleOut.ready, REDIS_STARTUP_WAIT_MS);
    await seedIfEmpty(storage, standards.createFrom, log);
    registerServices(services);
    await new Promise<void>((done, fail) => {
      http.once('error', fail);
      http.listen(config.port, config.host, () => done());
    });
  } catch (error) {
    clearInterval(sweep);
    await importer.close();
    await collab.close();
    scaleOut?.close();
    await storage.close();
    throw error;
  }
  const port = (http.address() as AddressInfo).port;
  // Announced even at LOG_LEVEL=warn/error: scripts and tests read the port from this line.
  const announce = config.logLevel === 'silent' ? log : createLogger('info');
  announce.info('listening', { port, host: config.host, dataDir: config.dataDir, storage: storage.kind });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(sweep);
      await importer.close();
      await collab.close();
      scaleOut?.close();
      http.closeAllConnections();
      await new Promise<void>((done) => http.close(() => done()));
      await storage.close();
      log.info('stopped', {});
    })());
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return { port, url: `http://${host}:${port}`, services, close };
}

async function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((done) => (timer = setTimeout(done, ms)))]);
  clearTimeout(timer);
}
