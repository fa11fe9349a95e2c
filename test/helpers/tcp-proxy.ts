// A TCP proxy on a loopback port that a test controls, to put between the server and a database:
// it can refuse new connections and destroy the open ones (a database that is down), silence them
// without a reset (a partition), or cut a connection the moment the client sends given bytes (a
// query's SQL text and parameter), to play a database that fails at a chosen point.

import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Connections currently piped through. */
  readonly open: number;
  /** Destroys every open connection and refuses new ones (closed as soon as accepted). */
  cut(): void;
  /**
   * A partition that outlives the database's side of the connections: every open connection goes
   * silent for good (its upstream is closed, its client is never answered nor reset), and new
   * connections are accepted and never answered, until restore(). What a client sees when the
   * database host vanished and came back: its old connections hang until a timeout of its own.
   */
  blackhole(): void;
  /** Accepts and pipes new connections again (silenced ones stay silent). */
  restore(): void;
  /**
   * While set, a connection whose client has just sent bytes matching `pattern` (tested on the
   * last few kB it sent, read as latin1) is destroyed before those bytes reach the target; the
   * rest of the traffic passes. E.g. a query's SQL text followed by one parameter value (pg sends
   * Parse with the SQL, then Bind with the values). `undefined` clears it.
   */
  failOn(pattern: RegExp | undefined): void;
  /** How many connections were destroyed by cut() or failOn() so far. */
  readonly destroyed: number;
  close(): Promise<void>;
}

const WINDOW = 4096;

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let refusing = false;
  let swallowing = false;
  /** Client sockets silenced by blackhole(), kept open so that nothing tells their owner. */
  const silenced = new Set<net.Socket>();

  const silence = (client: net.Socket) => {
    silenced.add(client);
    client.removeAllListeners('data');
    client.removeAllListeners('close');
    client.on('data', () => undefined);
  };
  let pattern: RegExp | undefined;
  let destroyed = 0;

  const kill = (pair: { client: net.Socket; upstream: net.Socket }) => {
    destroyed += 1;
    pairs.delete(pair);
    pair.client.destroy();
    pair.upstream.destroy();
  };

  const server = net.createServer((client) => {
    client.on('error', () => undefined);
    if (refusing) {
      destroyed += 1;
      client.destroy();
      return;
    }
    if (swallowing) return silence(client);
    const upstream = net.connect(target.port, target.host);
    upstream.on('error', () => client.destroy());
    const pair = { client, upstream };
    pairs.add(pair);
    // What the client sent lately: a match may span several reads (Parse and Bind arrive apart).
    let recent = '';
    client.on('data', (chunk: Buffer) => {
      if (pattern) {
        recent = (recent + chunk.toString('latin1')).slice(-WINDOW);
        if (pattern.test(recent)) return kill(pair);
      } else {
        recent = '';
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const forget = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', forget);
    upstream.on('close', forget);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    get open() {
      return pairs.size;
    },
    get destroyed() {
      return destroyed;
    },
    cut() {
      refusing = true;
      for (const pair of [...pairs]) kill(pair);
    },
    blackhole() {
      swallowing = true;
      for (const pair of [...pairs]) {
        pairs.delete(pair);
        pair.upstream.removeAllListeners('close');
        pair.upstream.removeAllListeners('data');
        pair.upstream.on('error', () => undefined);
        pair.upstream.destroy();
        silence(pair.client);
      }
    },
    restore() {
      refusing = false;
      swallowing = false;
    },
    failOn(next) {
      pattern = next;
    },
    close() {
      refusing = true;
      for (const pair of [...pairs]) kill(pair);
      for (const client of silenced) client.destroy();
      silenced.clear();
      return new Promise((done) => server.close(() => done()));
    }
  };
}
