// The stale Close filter: a provider rejoining a document the server closed sends Close, then
// Auth; Hocuspocus would replay that Close onto the new connection and close it again.

import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { staleCloseFilter } from '../../server/collab/stale-close';

function message(name: string, type: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, name);
  encoding.writeVarUint(encoder, type);
  if (type === 2) encoding.writeVarString(encoder, 'token');
  return encoding.toUint8Array(encoder);
}
const CLOSE = 7;
const AUTH = 2;

describe('stale Close messages', () => {
  it('drops a Close sent before the Auth of a rejoin when Hocuspocus replays it', () => {
    const connected = new Set<string>();
    const filter = staleCloseFilter((name) => connected.has(name));
    // The server closed "d"; the provider rejoins: Close, then Auth (both fresh, both let through).
    expect(filter.drop(message('d', CLOSE), false)).toBe(false);
    expect(filter.drop(message('d', AUTH), false)).toBe(false);
    // Connection set up; the queued Close is replayed: dropped. Other queued messages pass.
    connected.add('d');
    expect(filter.drop(message('d', CLOSE), true)).toBe(true);
    expect(filter.drop(message('d', 0), true)).toBe(false);
    // A Close while connected is the client's real wish.
    expect(filter.drop(message('d', CLOSE), false)).toBe(false);
  });

  it('keeps a Close sent after the Auth (the client left before the connection was set up)', () => {
    const filter = staleCloseFilter(() => false);
    expect(filter.drop(message('d', AUTH), false)).toBe(false);
    expect(filter.drop(message('d', CLOSE), false)).toBe(false);
    expect(filter.drop(message('d', CLOSE), true)).toBe(false);
    // Nothing left over to drop a later, real Close.
    expect(filter.drop(message('d', AUTH), false)).toBe(false);
    expect(filter.drop(message('d', CLOSE), true)).toBe(false);
  });

  it('counts per document', () => {
    const filter = staleCloseFilter(() => false);
    filter.drop(message('a', CLOSE), false);
    filter.drop(message('b', AUTH), false);
    expect(filter.drop(message('b', CLOSE), true)).toBe(false);
    filter.drop(message('a', AUTH), false);
    expect(filter.drop(message('a', CLOSE), true)).toBe(true);
  });
});
