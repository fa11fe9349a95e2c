import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate, applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { isAwarenessEcho, type AwarenessLookup } from '../../server/collab/awareness-echo';

const NAME = 'standard-1';
const header = [...[NAME.length], ...new TextEncoder().encode(NAME), 1];
/** A Hocuspocus awareness message: [name][type 1][varUint8Array update]. */
function message(update: Uint8Array): Uint8Array {
  if (update.length > 127) throw new Error('keep test updates short');
  return Uint8Array.from([...header, update.length, ...update]);
}
function lookupOf(server: Awareness): AwarenessLookup {
  return (name, client) => {
    const meta = server.meta.get(client);
    return name === NAME && meta ? { clock: meta.clock, present: server.states.has(client) } : undefined;
  };
}

describe('isAwarenessEcho', () => {
  it('recognises a state the server already holds, and not a newer one', () => {
    const client = new Awareness(new Y.Doc());
    const server = new Awareness(new Y.Doc());
    client.setLocalState({ cursor: 1 });
    const first = encodeAwarenessUpdate(client, [client.clientID]);
    expect(isAwarenessEcho(message(first), lookupOf(server))).toBe(false); // unknown client
    applyAwarenessUpdate(server, first, 'test');
    expect(isAwarenessEcho(message(first), lookupOf(server))).toBe(true);
    client.setLocalState({ cursor: 2 });
    const second = encodeAwarenessUpdate(client, [client.clientID]);
    expect(isAwarenessEcho(message(second), lookupOf(server))).toBe(false);
    applyAwarenessUpdate(server, second, 'test');
    expect(isAwarenessEcho(message(first), lookupOf(server))).toBe(true); // older still
  });

  it('does not treat a departure at the same clock as an echo while the server still holds the state', () => {
    const client = new Awareness(new Y.Doc());
    const server = new Awareness(new Y.Doc());
    client.setLocalState({ cursor: 1 });
    applyAwarenessUpdate(server, encodeAwarenessUpdate(client, [client.clientID]), 'test');
    // A "left" entry encoded at the current clock, as another client relays a removal.
    const left = Uint8Array.from([1, ...varUint(client.clientID), server.meta.get(client.clientID)!.clock, 4, 0x6e, 0x75, 0x6c, 0x6c]);
    expect(isAwarenessEcho(message(left), lookupOf(server))).toBe(false);
    removeAwarenessStates(server, [client.clientID], 'test');
    expect(isAwarenessEcho(message(left), lookupOf(server))).toBe(true);
  });

  it('is false for anything else or anything malformed', () => {
    const server = new Awareness(new Y.Doc());
    const lookup = lookupOf(server);
    const known = encodeAwarenessUpdate(server, [server.clientID]);
    expect(isAwarenessEcho(message(known), lookup)).toBe(true);
    expect(isAwarenessEcho(Uint8Array.from([...header.slice(0, -1), 0, 0]), lookup)).toBe(false); // sync
    expect(isAwarenessEcho(message(known).subarray(0, -1), lookup)).toBe(false); // truncated
    expect(isAwarenessEcho(Uint8Array.from([...message(known), 0]), lookup)).toBe(false); // trailing byte
    expect(isAwarenessEcho(message(Uint8Array.from([0])), lookup)).toBe(false); // no entries
  });
});

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
