import { describe, expect, it } from 'vitest';
import { accessChange } from '../../server/redis/access-relay';

describe('accessChange (entries read from the Redis stream)', () => {
  it('reads the two kinds of change', () => {
    expect(accessChange('{"kind":"membership","userId":"u-1","groupId":"g-1"}')).toEqual({ kind: 'membership', userId: 'u-1', groupId: 'g-1' });
    expect(accessChange('{"kind":"sessions","userId":"u-1","sessionIds":["a","b"]}')).toEqual({ kind: 'sessions', userId: 'u-1', sessionIds: ['a', 'b'] });
    expect(accessChange('{"kind":"sessions","userId":"u-1"}')).toEqual({ kind: 'sessions', userId: 'u-1' });
  });

  it('keeps only the known fields', () => {
    expect(accessChange('{"kind":"membership","userId":"u-1","groupId":"g-1","role":"convenor"}')).toEqual({ kind: 'membership', userId: 'u-1', groupId: 'g-1' });
  });

  it.each([
    undefined,
    '',
    'not json',
    'null',
    '42',
    '{"kind":"membership","userId":"u-1"}',
    '{"kind":"membership","groupId":"g-1"}',
    '{"kind":"grant","userId":"u-1","groupId":"g-1"}',
    '{"kind":"sessions","userId":"u-1","sessionIds":"all"}',
    '{"kind":"sessions","userId":"u-1","sessionIds":[1]}'
  ])('refuses %s', (entry) => {
    expect(accessChange(entry)).toBeUndefined();
  });
});
