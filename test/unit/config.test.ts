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
      loginFailuresPerAccount: 5
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
      LOGIN_FAILURES_PER_ACCOUNT: '3'
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
      loginFailuresPerAccount: 3
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
    ['SQLITE_SYNCHRONOUS', 'OFF', /SQLITE_SYNCHRONOUS="OFF" is not valid: expected one of NORMAL, FULL/]
  ])('refuses %s=%s naming the variable and the accepted form', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
