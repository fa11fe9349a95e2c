// The Node entry: `tsx server/main.ts` (npm start builds the web app first).

import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './log';
import { routeConsoleToLog } from './console';
import { startServer } from './app';

export { startServer, type RunningServer } from './app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(2);
  }
  const log = createLogger(config.logLevel);
  routeConsoleToLog(log);
  const server = await startServer(config, log).catch((error: unknown) => {
    log.error('start_failed', { error });
    process.stderr.write(`Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
  const stop = (signal: string) => {
    log.info('stopping', { signal });
    const timer = setTimeout(() => process.exit(1), 10_000);
    server.close().then(
      () => {
        clearTimeout(timer);
        process.exit(0);
      },
      (error: unknown) => {
        log.error('stop_failed', { error });
        process.exit(1);
      }
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

// Only run when executed, not when a test imports startServer from here.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
