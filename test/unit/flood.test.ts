import { describe, expect, it } from 'vitest';
import { isCostly, rateLimiter, TokenBucket } from '../../server/collab/flood';

describe('TokenBucket', () => {
  it('allows a full burst at once, then refills at the rate', () => {
    const bucket = new TokenBucket(10, 25, 0);
    for (let i = 0; i < 25; i++) expect(bucket.take(1, 0)).toBe(true);
    expect(bucket.take(1, 0)).toBe(false);
    expect(bucket.take(1, 99)).toBe(false); // 0.99 of a token after 99 ms
    expect(bucket.take(1, 101)).toBe(true);
    expect(bucket.take(10, 1101)).toBe(true); // a second later: 10 more
    expect(bucket.take(1, 1101)).toBe(false);
  });

  it('never holds more than the burst, however long it idles', () => {
    const bucket = new TokenBucket(10, 5, 0);
    expect(bucket.take(6, 1_000_000)).toBe(false);
    expect(bucket.take(5, 1_000_000)).toBe(true);
  });

  it('takes nothing when it refuses', () => {
    const bucket = new TokenBucket(1, 10, 0);
    expect(bucket.take(11, 0)).toBe(false);
    expect(bucket.take(10, 0)).toBe(true);
  });
});

// [name "d"][type][subtype]…: a sync update (type 0, subtype 2) or a sync step 1 (subtype 0).
const update = (size: number) => {
  const message = new Uint8Array(Math.max(size, 4));
  message.set([1, 100, 0, 2]);
  return message;
};
const syncStep1 = Uint8Array.from([1, 100, 0, 0, 1, 0]);

describe('isCostly', () => {
  it('recognises sync step 1, awareness queries and authentication, and nothing else', () => {
    expect(isCostly(syncStep1)).toBe(true);
    expect(isCostly(Uint8Array.from([1, 100, 4, 0, 1, 0]))).toBe(true); // SyncReply step 1
    expect(isCostly(Uint8Array.from([1, 100, 3]))).toBe(true);
    expect(isCostly(Uint8Array.from([1, 100, 2, 0, 0]))).toBe(true);
    expect(isCostly(update(10))).toBe(false);
    expect(isCostly(Uint8Array.from([1, 100, 1, 0]))).toBe(false); // awareness update
    expect(isCostly(Uint8Array.from([0x80]))).toBe(false); // truncated
  });
});

describe('rateLimiter', () => {
  const limits = { collabMaxMessagesPerSecond: 200, collabMaxBytesPerSecond: 8 * 1024 * 1024 };

  it('lets a fast typist through indefinitely (20 small messages a second)', () => {
    let now = 0;
    const limiter = rateLimiter(limits, 2 * 1024 * 1024, () => now);
    for (let i = 0; i < 20 * 600; i++) {
      now = i * 50;
      expect(limiter.exceeded(update(200))).toBeUndefined();
    }
  });

  it('allows a burst of 2.5 times the message rate, then refuses', () => {
    const now = 0;
    const limiter = rateLimiter(limits, 2 * 1024 * 1024, () => now);
    for (let i = 0; i < 500; i++) expect(limiter.exceeded(update(10))).toBeUndefined();
    expect(limiter.exceeded(update(10))).toBe('messages');
  });

  it('refuses a byte flood made of few messages', () => {
    const now = 0;
    const limiter = rateLimiter({ ...limits, collabMaxBytesPerSecond: 1024 * 1024 }, 512 * 1024, () => now);
    // The byte burst is twice the rate (2 MiB) here: four 512 KiB messages pass, the fifth does not.
    for (let i = 0; i < 4; i++) expect(limiter.exceeded(update(512 * 1024))).toBeUndefined();
    expect(limiter.exceeded(update(512 * 1024))).toBe('bytes');
  });

  it('always lets two of the largest messages through, even with a tiny byte rate', () => {
    const limiter = rateLimiter({ ...limits, collabMaxBytesPerSecond: 1024 }, 2 * 1024 * 1024, () => 0);
    expect(limiter.exceeded(update(2 * 1024 * 1024))).toBeUndefined();
    expect(limiter.exceeded(update(2 * 1024 * 1024))).toBeUndefined();
    expect(limiter.exceeded(update(1))).toBe('bytes');
  });

  it('allows 50 costly requests at once and 5 a second after that', () => {
    let now = 0;
    const limiter = rateLimiter(limits, 2 * 1024 * 1024, () => now);
    for (let i = 0; i < 50; i++) expect(limiter.exceeded(syncStep1)).toBeUndefined();
    expect(limiter.exceeded(syncStep1)).toBe('costly requests');
    now = 1000;
    for (let i = 0; i < 5; i++) expect(limiter.exceeded(syncStep1)).toBeUndefined();
    expect(limiter.exceeded(syncStep1)).toBe('costly requests');
  });
});
