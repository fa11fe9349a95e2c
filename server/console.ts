// Libraries (Hocuspocus above all) report problems with console.error, as multi-line text.
// In the server process those calls become structured log lines too, so the output stays one
// JSON object per line. Only main.ts installs this; tests keep their console.

import { format } from 'node:util';
import type { Logger } from './log';

export function routeConsoleToLog(log: Logger): void {
  const to = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) =>
    log[level]('library.console', { message: format(...args) });
  console.error = to('warn');
  console.warn = to('warn');
  console.log = to('info');
  console.info = to('info');
  console.debug = to('debug');
}
