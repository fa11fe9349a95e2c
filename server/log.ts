// Structured logs: one JSON line per event on stdout, filtered by level. Deliberately tiny; the
// `listening` line is also how tests and scripts learn the port of a server started on PORT=0.

import type { LogLevel } from './config';

export type Fields = Record<string, unknown>;

export interface Logger {
  debug(event: string, fields?: Fields): void;
  info(event: string, fields?: Fields): void;
  warn(event: string, fields?: Fields): void;
  error(event: string, fields?: Fields): void;
}

type Level = Exclude<LogLevel, 'silent'>;
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(line)
): Logger {
  const emit = (at: Level) => (event: string, fields: Fields = {}) => {
    if (RANK[at] < RANK[level]) return;
    const line = { time: new Date().toISOString(), level: at, event, ...serialisable(fields) };
    write(JSON.stringify(line) + '\n');
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Errors do not survive JSON.stringify; keep their message (and stack at the end of the line). */
function serialisable(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] =
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return out;
}
