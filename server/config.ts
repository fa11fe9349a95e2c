// Configuration from the environment. Pure: the caller passes the environment, so tests can
// build any configuration without touching process.env.

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: LogLevel;
  /** Largest single WebSocket message (and so Yjs update) the server accepts. */
  maxUpdateBytes: number;
  /** Largest encoded document state the server stores. */
  maxDocumentBytes: number;
  /** Number of logged updates after which a document's log is folded into its snapshot. */
  compactAfterUpdates: number;
  /** SQLite fsync policy: FULL survives power loss, NORMAL survives a killed process. */
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Login and sign-up attempts one client IP may make per 15 minutes. */
  loginAttemptsPerIp: number;
  /** Failed logins an account may take per 15 minutes before it is locked for the rest of it. */
  loginFailuresPerAccount: number;
  /**
   * Messages one collaboration socket may send per second, sustained (bursts of 2.5 times this
   * are allowed). A fast typist's provider sends about 20 (an update and an awareness change per
   * keystroke); past the limit the socket is closed with 4429 `rate-limited`.
   */
  collabMaxMessagesPerSecond: number;
  /** Bytes one collaboration socket may send per second, sustained (bursts of twice this, and at least two of the largest messages). */
  collabMaxBytesPerSecond: number;
  /** How long a collaboration socket may stay open without opening any document (4408 `auth-timeout`). */
  collabAuthTimeoutMs: number;
  /** Collaboration sockets that may wait for authentication at once; more get HTTP 503. */
  collabMaxUnauthenticated: number;
  /**
   * PostgreSQL connection URL (postgres://user:password@host:port/database). When set, storage
   * lives there instead of the SQLite file in dataDir, so several instances can share it.
   */
  databaseUrl?: string;
  /**
   * Redis connection URL (redis:// or rediss://). When set, several instances serve the same
   * documents: Redis relays document updates, awareness, review events and access changes between
   * them, and holds the login limits they share.
   */
  redisUrl?: string;
  /**
   * How long one Markdown import may take to read (in a worker thread) before it is abandoned
   * and the draft refused with 422: some hostile Markdown takes remark minutes to parse.
   */
  importTimeoutMs: number;
  /** Namespace of every Redis key and channel, so several deployments (or test runs) can share one Redis. */
  redisPrefix: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const MIB = 1024 * 1024;

export function loadConfig(env: Env): Config {
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: text(env, 'HOST', '0.0.0.0'),
    dataDir: text(env, 'DATA_DIR', './data'),
    logLevel: logLevel(env),
    maxUpdateBytes: byteSize(env, 'MAX_UPDATE_BYTES', 2 * MIB),
    maxDocumentBytes: byteSize(env, 'MAX_DOCUMENT_BYTES', 32 * MIB),
    compactAfterUpdates: integer(env, 'COMPACT_AFTER_UPDATES', 500, 1, 10_000_000),
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', ['NORMAL', 'FULL'] as const, 'NORMAL'),
    loginAttemptsPerIp: integer(env, 'LOGIN_ATTEMPTS_PER_IP', 30, 1, 1_000_000),
    loginFailuresPerAccount: integer(env, 'LOGIN_FAILURES_PER_ACCOUNT', 5, 1, 1_000_000),
    collabMaxMessagesPerSecond: integer(env, 'COLLAB_MAX_MESSAGES_PER_SECOND', 200, 1, 1_000_000),
    collabMaxBytesPerSecond: byteSize(env, 'COLLAB_MAX_BYTES_PER_SECOND', 8 * MIB),
    collabAuthTimeoutMs: integer(env, 'COLLAB_AUTH_TIMEOUT_MS', 10_000, 100, 3_600_000),
    collabMaxUnauthenticated: integer(env, 'COLLAB_MAX_UNAUTHENTICATED', 2000, 1, 1_000_000),
    databaseUrl: databaseUrl(env),
    redisUrl: redisUrl(env),
    redisPrefix: redisPrefix(env),
    importTimeoutMs: integer(env, 'IMPORT_TIMEOUT_MS', 20_000, 100, 3_600_000)
  };
}

/** Only checks the form: whether the database answers is for the storage to say when it opens. */
function databaseUrl(env: Env): string | undefined {
  const raw = present(env, 'DATABASE_URL');
  if (raw === undefined) return undefined;
  if (!/^postgres(ql)?:\/\/\S+$/i.test(raw)) {
    // The value may hold a password: name the variable and the expected form, not the value.
    throw new ConfigError(
      'DATABASE_URL is not valid: expected a PostgreSQL URL starting with postgres:// or postgresql:// ' +
        '(e.g. postgres://user:password@host:5432/clausework).'
    );
  }
  return raw;
}

/** Only checks the form: an unreachable Redis is retried (and logged) once the server runs. */
function redisUrl(env: Env): string | undefined {
  const raw = present(env, 'REDIS_URL');
  if (raw === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^rediss?:$/i.test(parsed.protocol) || parsed.hostname === '') {
    // Like DATABASE_URL, the value may hold a password: never echo it.
    throw new ConfigError(
      'REDIS_URL is not valid: expected a Redis URL starting with redis:// or rediss:// (TLS) ' +
        '(e.g. redis://:password@host:6379/0).'
    );
  }
  return raw;
}

function redisPrefix(env: Env): string {
  const raw = text(env, 'REDIS_PREFIX', 'clausework');
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(raw)) {
    throw new ConfigError(
      `REDIS_PREFIX=${JSON.stringify(raw)} is not valid: expected 1 to 64 letters, digits, '_', '.', ':' or '-', starting with a letter or digit.`
    );
  }
  return raw;
}

function present(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

function text(env: Env, name: string, fallback: string): string {
  return present(env, name) ?? fallback;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(
      `${name}=${JSON.stringify(raw)} is not valid: expected a whole number from ${min} to ${max}.`
    );
  }
  return Number(raw);
}

const UNITS: Record<string, number> = { '': 1, k: 1024, kb: 1024, m: MIB, mb: MIB, g: 1024 * MIB, gb: 1024 * MIB };
const KIB_UNITS: Record<string, number> = { kib: 1024, mib: MIB, gib: 1024 * MIB };

/** Accepts plain bytes or a size with a binary unit: 65536, 64k, 64KiB, 2M, 2MiB, 1G. */
function byteSize(env: Env, name: string, fallback: number): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const match = /^(\d+)\s*([a-z]*)$/i.exec(raw);
  const unit = match ? (match[2] ?? '').toLowerCase() : '';
  const factor = UNITS[unit] ?? KIB_UNITS[unit];
  const bytes = match && factor ? Number(match[1]) * factor : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new ConfigError(
      `${name}=${JSON.stringify(raw)} is not valid: expected a positive size in bytes, ` +
        'optionally with a unit (e.g. 2097152, 512k, 2MiB, 1G).'
    );
  }
  return bytes;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const value = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
  if (!value) {
    throw new ConfigError(
      `${name}=${JSON.stringify(raw)} is not valid: expected one of ${allowed.join(', ')}.`
    );
  }
  return value;
}

function logLevel(env: Env): LogLevel {
  const raw = present(env, 'LOG_LEVEL');
  // Tests stay quiet unless a developer asks for logs explicitly.
  if (raw === undefined) return env.VITEST ? 'silent' : 'info';
  const level = raw.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError(
      `LOG_LEVEL=${JSON.stringify(raw)} is not valid: expected one of ${LOG_LEVELS.join(', ')}.`
    );
  }
  return level as LogLevel;
}
