// Redis connections for scale-out mode (REDIS_URL). Redis is a relay and a shared counter, never
// the store: an instance keeps serving its own clients while Redis is away, so every connection
// retries forever with a capped backoff and reports trouble in the log instead of failing the
// process. Each connection logs once when it is lost and once when it is back, not every retry.

import { Redis as IORedis, type RedisOptions } from 'ioredis';
import type { Logger } from '../log';

/** Longest wait between two reconnection attempts. */
const MAX_RETRY_DELAY_MS = 2000;

export interface RedisClientOptions {
  /** What the connection is for, in the logs ("documents", "access", …). */
  role: string;
  log: Logger;
  /**
   * Commands issued while disconnected: queued until Redis is back (true), or refused at once
   * (false) for callers that have a fallback or resend by themselves.
   */
  queueWhileDisconnected: boolean;
}

export function redisClient(url: string, { role, log, queueWhileDisconnected }: RedisClientOptions): IORedis {
  const options: RedisOptions = {
    // Names the connection in CLIENT LIST, which helps when several instances share one Redis.
    connectionName: `clausework-${role}`,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 6), MAX_RETRY_DELAY_MS) + Math.floor(Math.random() * 100),
    enableOfflineQueue: queueWhileDisconnected,
    // A queued command waits for Redis however long it takes; otherwise it fails on the first lost connection.
    maxRetriesPerRequest: queueWhileDisconnected ? null : 1,
    connectTimeout: 5000,
    keepAlive: 10_000
  };
  const client = new IORedis(url, options);
  let healthy = false;
  let reported = false;
  client.on('ready', () => {
    if (reported) log.info('redis.reconnected', { role });
    else log.debug('redis.connected', { role });
    healthy = true;
    reported = false;
  });
  client.on('error', (error: Error) => {
    // Without this listener ioredis prints every failed retry; one line per outage is enough.
    if (reported) return log.debug('redis.error', { role, error: error.message });
    reported = true;
    log.warn('redis.unavailable', { role, error: error.message, wasConnected: healthy });
    healthy = false;
  });
  client.on('close', () => {
    if (healthy && !reported && client.status !== 'end') {
      reported = true;
      log.warn('redis.unavailable', { role, error: 'connection closed', wasConnected: true });
    }
    healthy = false;
  });
  return client;
}

/** Disconnects without waiting for pending commands (they are relays, not stored data). */
export function closeRedisClient(client: IORedis): void {
  client.disconnect(false);
}
