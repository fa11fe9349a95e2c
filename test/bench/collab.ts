// Collaboration latency benchmark: `npm run bench -- collab [--editors 20] [--seconds 30]
// [--interval 200] [--workers W]`. Starts the real server as a child process, connects N real
// HocuspocusProviders (spread over W editor processes so the clients do not become the
// bottleneck) to one standard; each editor types one character into a paragraph every
// `interval` ms. Prints p50/p95/p99 of the time from an edit on one client to its arrival at each
// other client (and at all of them), plus the server's peak RSS (VmHWM).
//
// Clocks: every process reads performance.timeOrigin + performance.now(), i.e. the same system
// clock, so send and arrival times from different processes compare directly.

import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { YDOC_FIELD } from '../../clauses/schema';
import { connectClient, createStandardIn, startServerProcess, tempDataDir, type Client } from '../helpers/server';

interface Options {
  editors: number;
  seconds: number;
  interval: number;
  workers: number;
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
    workers: get('workers', Math.min(4, Math.max(1, Math.ceil(editors / 25))))
  };
}

// ---------------------------------------------------------------- editor process

type ToWorker =
  | { type: 'start'; wsUrl: string; id: string; editors: number; firstIndex: number; seconds: number; interval: number }
  | { type: 'sends'; sends: [number, number, number][] };
type FromWorker =
  | { type: 'connected' }
  | { type: 'sent'; sends: [number, number, number][] }
  | { type: 'result'; latencies: number[]; lastArrival: [string, number][] };

/** The paragraphs' text nodes, so an edit is a plain character insert inside a paragraph. */
function paragraphTexts(doc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'paragraph') {
        const text = child.toArray().find((c): c is Y.XmlText => c instanceof Y.XmlText);
        if (text && text.length > 0) out.push(text);
      } else walk(child);
    }
  };
  walk(doc.getXmlFragment(YDOC_FIELD));
  return out;
}

async function editorProcess(): Promise<void> {
  const send = (message: FromWorker) => process.send!(message);
  const start = await new Promise<Extract<ToWorker, { type: 'start' }>>((done) =>
    process.once('message', (m: ToWorker) => m.type === 'start' && done(m))
  );
  const clients: Client[] = [];
  for (let i = 0; i < start.editors; i++) clients.push(await connectClient(start.wsUrl, start.id, { timeout: 60_000 }));

  // Arrivals: per receiver, per (sender client, clock) -> time. Stored flat for memory.
  const arrivals: { client: number; clock: number; at: number; receiver: number }[] = [];
  clients.forEach((client, receiver) => {
    const own = client.doc.clientID;
    client.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === null || origin === undefined) return; // local edit
      const at = now();
      const { from, to } = Y.parseUpdateMeta(update);
      for (const [sender, end] of to) {
        if (sender === own) continue;
        for (let clock = from.get(sender) ?? 0; clock < end; clock++) arrivals.push({ client: sender, clock, at, receiver });
      }
    });
  });
  send({ type: 'connected' });
  await new Promise<void>((done) => process.once('message', (m: { type: string }) => m.type === 'go' && done()));

  const sends: [number, number, number][] = [];
  const timers = clients.map((client, i) => {
    const texts = paragraphTexts(client.doc);
    const text = texts[(start.firstIndex + i) % texts.length]!;
    return setInterval(() => {
      const clock = Y.getState(client.doc.store, client.doc.clientID);
      sends.push([client.doc.clientID, clock, now()]);
      text.insert(text.length, String.fromCharCode(97 + (sends.length % 26)));
    }, start.interval);
  });
  // Stagger nothing: setInterval already starts each editor at a slightly different moment.
  await new Promise((r) => setTimeout(r, start.seconds * 1000));
  timers.forEach(clearInterval);
  await new Promise((r) => setTimeout(r, 2000)); // let the last edits arrive
  send({ type: 'sent', sends });

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
  send({ type: 'result', latencies, lastArrival: [...lastArrival] });
  clients.forEach((c) => c.destroy());
  setTimeout(() => process.exit(0), 100);
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
    child.once('exit', (code) => code !== 0 && fail(new Error(`editor process exited with ${code}`)));
  });
}

function peakRss(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return /VmHWM:\s*(\d+\s*kB)/.exec(status)?.[1] ?? 'unknown';
}

async function coordinator(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const dataDir = tempDataDir('clausework-bench-');
  const { id } = await createStandardIn(dataDir, { title: 'Benchmark' });
  const server = await startServerProcess({
    dataDir,
    env: { LOG_LEVEL: 'warn', ...(process.env.SQLITE_SYNCHRONOUS ? { SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS } : {}) },
    timeout: 60_000
  });
  const pid = server.proc.pid!;
  process.stdout.write(
    `collab benchmark: ${opts.editors} editors in ${opts.workers} process(es), one character every ` +
      `${opts.interval} ms for ${opts.seconds} s, server pid ${pid} on port ${server.port}\n`
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
      child.send({ type: 'start', wsUrl: server.wsUrl, id, editors, firstIndex, seconds: opts.seconds, interval: opts.interval });
      firstIndex += editors;
      await connected;
    }
    process.stdout.write(`connected; server RSS peak so far ${peakRss(pid)}; editing...\n`);
    const sent = workers.map((child) => nextMessage(child, 'sent'));
    workers.forEach((child) => child.send({ type: 'go' }));
    const sends = (await Promise.all(sent)).flatMap((m) => m.sends);
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
        `server peak RSS (VmHWM): ${serverPeak}`
      ].join('\n') + '\n'
    );
  } finally {
    workers.forEach((child) => child.exitCode === null && child.kill());
    await server.stop();
  }
}

if (process.argv.includes('--editor-process')) await editorProcess();
else await coordinator();
