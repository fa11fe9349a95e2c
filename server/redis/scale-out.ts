// Everything REDIS_URL turns on, so that several instances behind a load balancer (no sticky
// sessions) act as one server: the document relay (Hocuspocus extension), the access-change relay
// and login limits counted in Redis. PostgreSQL (DATABASE_URL) stays the only store; Redis holds
// nothing that cannot be lost: a Redis restart costs relayed messages (made up for by resynchronising)
// and login counters.

import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { ChangeHub } from '../access/changes';
import type { LimiterFactory } from '../access/rate-limit';
import { DocumentRelay } from '../collab/redis';
import type { Logger } from '../log';
import { relayAccessChanges } from './access-relay';
import { closeRedisClient, redisClient } from './client';

export interface ScaleOutOptions {
  url: string;
  /** REDIS_PREFIX: the namespace of every key and channel. */
  prefix: string;
  /** This instance's access changes go out from here, and the others' come in here. */
  changes: ChangeHub;
  log: Logger;
}

export interface ScaleOut {
  /** Unique to this process; stamps what it publishes so it can ignore its own messages. */
  instanceId: string;
  /** The Hocuspocus extension relaying documents between instances. */
  documentRelay: DocumentRelay;
  /** Login limits counted in Redis (in memory while Redis is away). */
  limiters: LimiterFactory;
  /** Resolves once the access relay reads the stream (instances are then fully wired). */
  ready: Promise<void>;
  /** Whether every Redis connection is up. */
  connected(): boolean;
  /** Disconnects from Redis (after the collaboration server has closed). */
  close(): void;
}

export function startScaleOut({ url, prefix, changes, log }: ScaleOutOptions): ScaleOut {
  const instanceId = `${hostname().slice(0, 60)}-${process.pid}-${randomUUID().slice(0, 8)}`;
  // Refuses commands while Redis is away: the limiters fall back to memory, the relay retries.
  const commands = redisClient(url, { role: 'commands', log, queueWhileDisconnected: false });
  // A blocking read occupies its connection; it waits out outages and resumes where it was.
  const accessReader = redisClient(url, { role: 'access-reader', log, queueWhileDisconnected: true });
  const documentRelay = new DocumentRelay({ url, prefix, identifier: instanceId, log });
  const access = relayAccessChanges({ hub: changes, writer: commands, reader: accessReader, key: `${prefix}:access`, instanceId, log });

  const limiters: LimiterFactory = ({ keyPrefix, points, duration }) =>
    new RateLimiterRedis({
      storeClient: commands,
      keyPrefix: `${prefix}:${keyPrefix}`,
      points,
      duration,
      rejectIfRedisNotReady: true,
      // Each instance counts on its own while Redis is away, rather than refusing every login.
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration })
    });

  log.info('scale_out.enabled', { instance: instanceId, prefix });
  return {
    instanceId,
    documentRelay,
    limiters,
    ready: access.ready,
    connected: () => commands.status === 'ready' && accessReader.status === 'ready' && documentRelay.redisReady(),
    close() {
      access.close();
      documentRelay.close();
      closeRedisClient(commands);
      closeRedisClient(accessReader);
    }
  };
}
