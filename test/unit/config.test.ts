import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: './data',
      logLevel: 'info',
      maxUpdateBytes: 2 * 1024 * 1024,
      maxDocumentBytes: 32 * 1024 * 1024,
      compactAfterUpdates: 500,
      sqliteSynchronous: 'NORMAL',
      loginAttemptsPerIp: 30,
      loginFailuresPerAccount: 5,
      collabMaxMessagesPerSecond: 200,
      collabMaxBytesPerSecond: 8 * 1024 * 1024,
      collabAuthTimeoutMs: 10_000,
      collabMaxUnauthenticated: 2000,
      redisPrefix: 'clausework',
      importTimeoutMs: 20_000
    });
  });

  it('is silent under Vitest unless LOG_LEVEL is set', () => {
    expect(loadConfig({ VITEST: 'true' }).logLevel).toBe('silent');
    expect(loadConfig({ VITEST: 'true', LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: '/tmp/x',
      LOG_LEVEL: 'WARN',
      MAX_UPDATE_BYTES: '512k',
      MAX_DOCUMENT_BYTES: '4MiB',
      COMPACT_AFTER_UPDATES: '10',
      SQLITE_SYNCHRONOUS: 'full',
      LOGIN_ATTEMPTS_PER_IP: '1000',
      LOGIN_FAILURES_PER_ACCOUNT: '3',
      COLLAB_MAX_MESSAGES_PER_SECOND: '50',
      COLLAB_MAX_BYTES_PER_SECOND: '1MiB',
      COLLAB_AUTH_TIMEOUT_MS: '2500',
      COLLAB_MAX_UNAUTHENTICATED: '10',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'cw-test:1',
      IMPORT_TIMEOUT_MS: '5000'
    });
    expect(config).toEqual({
      port: 0,
      host: '127.0.0.1',
      dataDir: '/tmp/x',
      logLevel: 'warn',
      maxUpdateBytes: 512 * 1024,
      maxDocumentBytes: 4 * 1024 * 1024,
      compactAfterUpdates: 10,
      sqliteSynchronous: 'FULL',
      loginAttemptsPerIp: 1000,
      loginFailuresPerAccount: 3,
      collabMaxMessagesPerSecond: 50,
      collabMaxBytesPerSecond: 1024 * 1024,
      collabAuthTimeoutMs: 2500,
      collabMaxUnauthenticated: 10,
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: 'cw-test:1',
      importTimeoutMs: 5000
    });
  });

  it.each([
    ['PORT', 'abc', /PORT="abc" is not valid: expected a whole number from 0 to 65535/],
    ['PORT', '70000', /PORT="70000"/],
    ['PORT', '-1', /PORT="-1"/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud" is not valid: expected one of debug, info, warn, error, silent/],
    ['MAX_UPDATE_BYTES', 'lots', /MAX_UPDATE_BYTES="lots" is not valid: expected a positive size in bytes/],
    ['MAX_DOCUMENT_BYTES', '0', /MAX_DOCUMENT_BYTES="0"/],
    ['MAX_DOCUMENT_BYTES', '3 parsecs', /MAX_DOCUMENT_BYTES="3 parsecs"/],
    ['COMPACT_AFTER_UPDATES', '0', /COMPACT_AFTER_UPDATES="0" is not valid: expected a whole number from 1/],
    ['SQLITE_SYNCHRONOUS', 'OFF', /SQLITE_SYNCHRONOUS="OFF" is not valid: expected one of NORMAL, FULL/],
    ['COLLAB_MAX_MESSAGES_PER_SECOND', '0', /COLLAB_MAX_MESSAGES_PER_SECOND="0" is not valid: expected a whole number from 1/],
    ['COLLAB_MAX_BYTES_PER_SECOND', 'fast', /COLLAB_MAX_BYTES_PER_SECOND="fast" is not valid: expected a positive size/],
    ['COLLAB_AUTH_TIMEOUT_MS', '50', /COLLAB_AUTH_TIMEOUT_MS="50" is not valid: expected a whole number from 100 to 3600000/],
    ['COLLAB_MAX_UNAUTHENTICATED', '-5', /COLLAB_MAX_UNAUTHENTICATED="-5"/],
    ['IMPORT_TIMEOUT_MS', '10', /IMPORT_TIMEOUT_MS="10" is not valid: expected a whole number from 100 to 3600000/]
  ])('refuses %s=%s naming the variable and the accepted form', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});

describe('loadConfig DATABASE_URL', () => {
  it('is unset by default (embedded SQLite)', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '  ' }).databaseUrl).toBeUndefined();
  });

  it.each(['postgres://u:p@db.example:5432/clausework', 'postgresql://127.0.0.1/clausework', 'POSTGRES://host/db'])(
    'accepts %s',
    (url) => {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
  );

  it.each(['mysql://u:secret@host/db', 'host=localhost dbname=x', 'postgres://', 'http://host/db'])(
    'refuses %s naming the variable, without echoing the value (it may hold a password)',
    (url) => {
      expect(() => loadConfig({ DATABASE_URL: url })).toThrow(ConfigError);
      expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/DATABASE_URL is not valid: expected a PostgreSQL URL starting with postgres:\/\/ or postgresql:\/\//);
      expect(() => loadConfig({ DATABASE_URL: url })).not.toThrow(/secret/);
    }
  );
});

describe('loadConfig REDIS_URL and REDIS_PREFIX', () => {
  it('is unset by default (one instance, nothing relayed)', () => {
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: ' ' }).redisUrl).toBeUndefined();
  });

  it.each(['redis://127.0.0.1:6379', 'rediss://:secret@cache.example:6380/2', 'REDIS://user:pw@host', 'redis://[::1]:6379'])(
    'accepts %s',
    (url) => {
      expect(loadConfig({ REDIS_URL: url }).redisUrl).toBe(url);
    }
  );

  it.each(['http://u:secret@host:6379', 'host:6379', 'redis://', 'redis:///0', 'secret-password', 'redis://u:secret@'])(
    'refuses %s naming the variable, without echoing the value (it may hold a password)',
    (url) => {
      expect(() => loadConfig({ REDIS_URL: url })).toThrow(ConfigError);
      expect(() => loadConfig({ REDIS_URL: url })).toThrow(/REDIS_URL is not valid: expected a Redis URL starting with redis:\/\/ or rediss:\/\//);
      expect(() => loadConfig({ REDIS_URL: url })).not.toThrow(/secret/);
    }
  );

  it('namespaces keys with clausework unless REDIS_PREFIX says otherwise', () => {
    expect(loadConfig({}).redisPrefix).toBe('clausework');
    expect(loadConfig({ REDIS_PREFIX: 'staging.cw' }).redisPrefix).toBe('staging.cw');
  });

  it.each(['has space', ':leading', 'x'.repeat(65), 'star*'])('refuses REDIS_PREFIX=%s', (prefix) => {
    expect(() => loadConfig({ REDIS_PREFIX: prefix })).toThrow(/REDIS_PREFIX=.* is not valid: expected 1 to 64 letters/);
  });
});
