// Collaboration latency benchmark: `npm run bench -- collab [--editors 20] [--seconds 30]
// [--interval 200] [--workers W] [--light]`. Starts the real server as a child process, connects N real
// HocuspocusProviders (spread over W editor processes so the clients do not become the
// bottleneck) to one standard; each editor types one character into a paragraph every
// `interval` ms. Prints p50/p95/p99 of the time from an edit on one client to its arrival at each
// other client (and at all of them), plus the server's peak RSS (VmHWM). Every client is signed
// in as the data directory's administrator (one session shared by all: the server needs a user on
// every socket, and the benchmark measures the document path, not sign-ups).
//
// Clocks: every process reads performance.timeOrigin + performance.now(), i.e. the same system
// clock, so send and arrival times from different processes compare directly.

import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { enc, paragraphTexts, Reader } from './light-protocol';
import {
  connectClient,
  createStandardIn,
  ownerOf,
  removeTempDataDirs,
  startServerProcess,
  tempDataDir,
  type Client
} from '../helpers/server';

interface Options {
  editors: number;
  seconds: number;
  interval: number;
  workers: number;
  /** Protocol-level clients instead of providers: they do not apply others' edits (see below). */
  light: boolean;
}

const now = () => performance.timeOrigin + performance.now();

function options(argv: string[]): Options {
  const get = (name: string, fallback: number) => {
    const at = argv.indexOf(`--${name}`);
    if (at < 0) return fallback;
    const value = Number(argv[at + 1]);
    if (!Number.isInteger(value) || value < 1) {
      process.stderr.write(`--${name} expects a positive whole number, got ${JSON.stringify(argv[at + 1])}\n`);
      process.exit(2);
    }
    return value;
  };
  const editors = get('editors', 20);
  return {
    editors,
    seconds: get('seconds', 30),
    interval: get('interval', 200),
    workers: get('workers', Math.min(4, Math.max(1, Math.ceil(editors / 25)))),
    light: argv.includes('--light')
  };
}

// ---------------------------------------------------------------- editor process

type ToWorker =
  | {
      type: 'start';
      wsUrl: string;
      id: string;
      /** The session token every editor of this process authenticates with. */
      token: string;
      editors: number;
      firstIndex: number;
      seconds: number;
      interval: number;
      light: boolean;
    }
  | { type: 'sends'; sends: [number, number, number][] };
type FromWorker =
  | { type: 'connected' }
  | { type: 'sent'; sends: [number, number, number][]; cpuSeconds: number }
  | { type: 'result'; latencies: number[]; lastArrival: [string, number][] };


/** One simulated editor: a local Y.Doc whose edits reach the server, and remote updates heard. */
interface Editor {
  doc: Y.Doc;
  onRemoteUpdate(listener: (update: Uint8Array) => void): void;
  destroy(): void;
}

async function providerEditor(wsUrl: string, id: string, token: string): Promise<Editor> {
  const client: Client = await connectClient(wsUrl, id, { token, timeout: 60_000 });
  return {
    doc: client.doc,
    onRemoteUpdate: (listener) =>
      client.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== null && origin !== undefined) listener(update); // null origin: a local edit
      }),
    destroy: () => client.destroy()
  };
}

// --light: a WebSocket client speaking the Hocuspocus protocol directly. It loads the document
// once, sends its own edits as Yjs updates and timestamps the updates the server broadcasts, but
// does not apply them: a real provider spends ~50 µs per received update, and 100 of them
// receiving 495 updates/s each need more CPU than this 2-core machine has, which would measure
// the load generator instead of the server.

async function lightEditor(wsUrl: string, id: string, token: string): Promise<Editor> {
  const doc = new Y.Doc();
  const ws = new WebSocket(wsUrl);
  const listeners: ((update: Uint8Array) => void)[] = [];
  const name = enc.string(id);
  const send = (...body: number[]) => ws.send(Uint8Array.from([...name, ...body]));
  let synced = false;
  const loaded = new Promise<void>((done, fail) => {
    ws.on('error', fail);
    ws.on('message', (data: Buffer) => {
      const reader = new Reader(data);
      reader.bytes(); // document name
      const type = reader.varUint();
      if (type === 2) {
        // Auth reply: 2 authenticated (then sync step 1), 1 permission denied with a reason.
        const outcome = reader.varUint();
        if (outcome === 2) return send(0, 0, ...enc.bytes(Y.encodeStateVector(doc)));
        return fail(new Error(`authentication failed: ${new TextDecoder().decode(reader.bytes())}`));
      }
      if (type !== 0 && type !== 4) return;
      const step = reader.varUint(); // y-protocols: 0 step 1, 1 step 2, 2 update
      if (step === 1 && !synced) {
        synced = true;
        Y.applyUpdate(doc, reader.bytes(), 'server'); // the document, once
        return done();
      }
      if (step === 2) {
        const update = reader.bytes();
        listeners.forEach((listener) => listener(update));
      }
    });
    ws.on('open', () => send(2, 0, ...enc.string(token))); // Auth message carrying the session token
  });
  await loaded;
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'server') send(0, 2, ...enc.bytes(update));
  });
  return { doc, onRemoteUpdate: (listener) => listeners.push(listener), destroy: () => ws.close() };
}

async function editorProcess(): Promise<void> {
  const send = (message: FromWorker) => process.send!(message);
  const start = await new Promise<Extract<ToWorker, { type: 'start' }>>((done) =>
    process.once('message', (m: ToWorker) => m.type === 'start' && done(m))
  );
  const connect = start.light ? lightEditor : providerEditor;
  const editors: Editor[] = [];
  for (let i = 0; i < start.editors; i++) editors.push(await connect(start.wsUrl, start.id, start.token));

  // Arrivals: per (sender client, clock) -> time, for every receiving editor.
  const arrivals: { client: number; clock: number; at: number }[] = [];
  for (const editor of editors) {
    const own = editor.doc.clientID;
    editor.onRemoteUpdate((update) => {
      const at = now();
      const { from, to } = Y.parseUpdateMeta(update);
      for (const [sender, end] of to) {
        if (sender === own) continue;
        for (let clock = from.get(sender) ?? 0; clock < end; clock++) arrivals.push({ client: sender, clock, at });
      }
    });
  }
  const cpuStart = process.cpuUsage();
  send({ type: 'connected' });
  await new Promise<void>((done) => process.once('message', (m: { type: string }) => m.type === 'go' && done()));

  const sends: [number, number, number][] = [];
  // Each editor starts at a random moment within the first interval, as people do not type in
  // step; starting them together would turn the load into one burst per interval.
  const timers: NodeJS.Timeout[] = [];
  editors.forEach(({ doc }, i) => {
    const texts = paragraphTexts(doc);
    const text = texts[(start.firstIndex + i) % texts.length]!;
    const type = () => {
      const clock = Y.getState(doc.store, doc.clientID);
      sends.push([doc.clientID, clock, now()]);
      text.insert(text.length, String.fromCharCode(97 + (sends.length % 26)));
    };
    timers.push(setTimeout(() => timers.push(setInterval(type, start.interval)), Math.random() * start.interval));
  });
  await new Promise((r) => setTimeout(r, start.seconds * 1000));
  timers.forEach((timer) => clearInterval(timer));
  await new Promise((r) => setTimeout(r, 2000)); // let the last edits arrive
  const cpu = process.cpuUsage(cpuStart);
  send({ type: 'sent', sends, cpuSeconds: (cpu.user + cpu.system) / 1e6 });

  const all = await new Promise<[number, number, number][]>((done) =>
    process.once('message', (m: ToWorker) => m.type === 'sends' && done(m.sends))
  );
  const sentAt = new Map(all.map(([client, clock, at]) => [`${client}:${clock}`, at]));
  const latencies: number[] = [];
  const lastArrival = new Map<string, number>();
  for (const { client, clock, at } of arrivals) {
    const key = `${client}:${clock}`;
    const sent = sentAt.get(key);
    if (sent === undefined) continue;
    latencies.push(at - sent);
    lastArrival.set(key, Math.max(lastArrival.get(key) ?? 0, at));
  }
  editors.forEach((editor) => editor.destroy());
  // Exit only once the (large) result has been handed to the IPC channel.
  process.send!({ type: 'result', latencies, lastArrival: [...lastArrival] } satisfies FromWorker, () => process.exit(0));
}

// ---------------------------------------------------------------- coordinator

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function nextMessage<T extends FromWorker['type']>(child: ChildProcess, type: T): Promise<Extract<FromWorker, { type: T }>> {
  return new Promise((done, fail) => {
    const onMessage = (m: FromWorker) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      done(m as Extract<FromWorker, { type: T }>);
    };
    child.on('message', onMessage);
    child.once('exit', (code, signal) => fail(new Error(`editor process exited (code ${code}, signal ${signal}) before "${type}"`)));
  });
}

/** CPU seconds (user + system) a process has used so far; /proc counts in ticks of 1/100 s. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function peakRss(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return /VmHWM:\s*(\d+\s*kB)/.exec(status)?.[1] ?? 'unknown';
}

async function coordinator(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const dataDir = tempDataDir('clausework-bench-');
  const { id } = await createStandardIn(dataDir, { title: 'Benchmark' });
  const { token } = await ownerOf(dataDir);
  const server = await startServerProcess({
    dataDir,
    env: {
      LOG_LEVEL: 'warn',
      // For experiments: SQLITE_SYNCHRONOUS=FULL; BENCH_SERVER_NODE_ARGS="--cpu-prof" to profile.
      ...(process.env.SQLITE_SYNCHRONOUS ? { SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS } : {})
    },
    nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
    timeout: 60_000
  });
  const pid = server.proc.pid!;
  process.stdout.write(
    `collab benchmark: ${opts.editors} editors in ${opts.workers} process(es), one character every ` +
      `${opts.interval} ms for ${opts.seconds} s, ${opts.light ? 'light protocol clients' : 'HocuspocusProviders'}, ` +
      `server pid ${pid} on port ${server.port}\n`
  );
  const workers: ChildProcess[] = [];
  try {
    const self = fileURLToPath(import.meta.url);
    let firstIndex = 0;
    for (let w = 0; w < opts.workers; w++) {
      const editors = Math.floor(opts.editors / opts.workers) + (w < opts.editors % opts.workers ? 1 : 0);
      const child = fork(self, ['--editor-process'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
      workers.push(child);
      const connected = nextMessage(child, 'connected');
      child.send({
        type: 'start',
        wsUrl: server.wsUrl,
        id,
        token,
        editors,
        firstIndex,
        seconds: opts.seconds,
        interval: opts.interval,
        light: opts.light
      });
      firstIndex += editors;
      await connected;
    }
    process.stdout.write(`connected; server RSS peak so far ${peakRss(pid)}; editing...\n`);
    const sent = workers.map((child) => nextMessage(child, 'sent'));
    const cpuBefore = cpuSeconds(pid);
    const started = performance.now();
    workers.forEach((child) => child.send({ type: 'go' }));
    const sentMessages = await Promise.all(sent);
    const sends = sentMessages.flatMap((m) => m.sends);
    const editorsCpu = sentMessages.reduce((sum, m) => sum + m.cpuSeconds, 0);
    const elapsed = (performance.now() - started) / 1000;
    const serverCpu = (cpuSeconds(pid) - cpuBefore) / ((performance.now() - started) / 1000);
    const serverPeak = peakRss(pid);
    const results = workers.map((child) => nextMessage(child, 'result'));
    workers.forEach((child) => child.send({ type: 'sends', sends }));
    const done = await Promise.all(results);

    const latencies = done.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const sentAt = new Map(sends.map(([client, clock, at]) => [`${client}:${clock}`, at]));
    const last = new Map<string, number>();
    for (const r of done) for (const [key, at] of r.lastArrival) last.set(key, Math.max(last.get(key) ?? 0, at));
    const everyone = [...last].map(([key, at]) => at - sentAt.get(key)!).sort((a, b) => a - b);
    const expected = sends.length * (opts.editors - 1);
    const fmt = (v: number) => `${v.toFixed(1)} ms`;
    process.stdout.write(
      [
        `edits sent: ${sends.length}; deliveries measured: ${latencies.length} of ${expected} expected`,
        `edit -> each other client: p50 ${fmt(percentile(latencies, 50))}, p95 ${fmt(percentile(latencies, 95))}, ` +
          `p99 ${fmt(percentile(latencies, 99))}, max ${fmt(latencies.at(-1) ?? NaN)}`,
        `edit -> all other clients: p50 ${fmt(percentile(everyone, 50))}, p95 ${fmt(percentile(everyone, 95))}, ` +
          `p99 ${fmt(percentile(everyone, 99))}`,
        `server peak RSS (VmHWM): ${serverPeak}; server CPU while editing: ${(serverCpu * 100).toFixed(0)}% of one core`,
        `editor processes' CPU: ${((editorsCpu / elapsed) * 100).toFixed(0)}% of one core in total`,
        `machine load average (1 min) at the end: ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores`
      ].join('\n') + '\n'
    );
  } finally {
    workers.forEach((child) => child.exitCode === null && child.kill());
    await server.stop();
    removeTempDataDirs();
  }
}

if (process.argv.includes('--editor-process')) await editorProcess();
else await coordinator();
