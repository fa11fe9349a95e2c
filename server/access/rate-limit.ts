// Brute-force protection for login and sign-up: a budget of attempts per client IP, and a budget
// of failed logins per account (by email, known or not, so a lockout reveals nothing about which
// emails exist). A locked account is refused even with the right password until its window ends.
//
// Counting is delegated to rate-limiter-flexible. In memory by default (one server process);
// several processes behind a load balancer would share counts through Redis (issue 6) by passing
// a LimiterFactory that builds RateLimiterRedis instead: nothing else changes.

import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitError } from '../services';

/** Builds one counter; e.g. `(o) => new RateLimiterRedis({ storeClient: redis, ...o })`. */
export type LimiterFactory = (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

export interface Limit {
  points: number;
  durationSeconds: number;
}

export interface LoginLimitOptions {
  /** Login and sign-up attempts per client IP: 30 per 15 minutes by default. */
  perIp?: Limit;
  /** Failed logins per account (email): 5 per 15 minutes by default; a success clears them. */
  perAccount?: Limit;
  limiters?: LimiterFactory;
}

const FIFTEEN_MINUTES = 15 * 60;
export const DEFAULT_PER_IP: Limit = { points: 30, durationSeconds: FIFTEEN_MINUTES };
export const DEFAULT_PER_ACCOUNT: Limit = { points: 5, durationSeconds: FIFTEEN_MINUTES };

export const memoryLimiters: LimiterFactory = (options) => new RateLimiterMemory(options);

export class LoginLimits {
  readonly #perIp: RateLimiterAbstract;
  readonly #perAccount: RateLimiterAbstract;
  readonly #accountPoints: number;

  constructor(options: LoginLimitOptions = {}) {
    const make = options.limiters ?? memoryLimiters;
    const ip = options.perIp ?? DEFAULT_PER_IP;
    const account = options.perAccount ?? DEFAULT_PER_ACCOUNT;
    this.#perIp = make({ keyPrefix: 'login-ip', points: ip.points, duration: ip.durationSeconds });
    this.#perAccount = make({ keyPrefix: 'login-account', points: account.points, duration: account.durationSeconds });
    this.#accountPoints = account.points;
  }

  /** Counts a login or sign-up attempt from `ip`; throws RateLimitError past the budget. */
  async attempt(ip: string): Promise<void> {
    try {
      await this.#perIp.consume(ip || 'unknown');
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw limited('Too many login or sign-up attempts from your network.', rejection);
    }
  }

  /** Throws RateLimitError while the account has used up its failed logins. */
  async ensureUnlocked(email: string): Promise<void> {
    const state = await this.#perAccount.get(email);
    if (state && state.consumedPoints >= this.#accountPoints) {
      throw limited('Too many failed logins for this account.', state);
    }
  }

  async failed(email: string): Promise<void> {
    await this.#perAccount.penalty(email, 1);
  }

  async succeeded(email: string): Promise<void> {
    await this.#perAccount.delete(email);
  }
}

function limited(what: string, state: RateLimiterRes): RateLimitError {
  const seconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return new RateLimitError(`${what} Try again in ${wait}.`, seconds);
}
