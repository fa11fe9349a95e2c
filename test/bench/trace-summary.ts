// Reads a Chromium trace (browser.startTracing with the devtools timeline and V8 CPU profiler
// categories) and says where the renderer's main thread spent its time: self time per trace event
// (style, layout, paint, hit tests, script…) and per JavaScript function, split between the
// keystroke windows (performance.measure('keystroke')) and the rest.

import { readFileSync } from 'node:fs';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  id2?: { local?: string };
  args?: Record<string, any>;
}

type Window = [number, number];

const inside = (ts: number, windows: Window[]) => windows.some(([a, b]) => ts >= a && ts < b);

function mainThread(events: TraceEvent[]): { pid: number; tid: number } {
  const count = new Map<string, number>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') count.set(`${e.pid}:${e.tid}`, 0);
  }
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (count.has(key)) count.set(key, count.get(key)! + 1);
  }
  const [best] = [...count.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const [pid, tid] = best.split(':').map(Number);
  return { pid: pid!, tid: tid! };
}

function keystrokeWindows(events: TraceEvent[]): Window[] {
  const open = new Map<string, number>();
  const out: Window[] = [];
  for (const e of events) {
    if (e.name !== 'keystroke' || !e.cat.includes('user_timing')) continue;
    const key = e.id ?? e.id2?.local ?? '';
    if (e.ph === 'b') open.set(key, e.ts);
    else if (e.ph === 'e' && open.has(key)) out.push([open.get(key)!, e.ts]);
  }
  return out;
}

/** Self time (ms) per event name on one thread, inside and outside the windows. */
function selfTimes(events: TraceEvent[], thread: { pid: number; tid: number }, windows: Window[]) {
  const xs = events
    .filter((e) => e.ph === 'X' && e.pid === thread.pid && e.tid === thread.tid && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, { in: number; out: number }>();
  const stack: { e: TraceEvent; child: number }[] = [];
  const close = (item: { e: TraceEvent; child: number }) => {
    const s = self.get(item.e.name) ?? { in: 0, out: 0 };
    const t = (item.e.dur! - item.child) / 1000;
    if (inside(item.e.ts, windows)) s.in += t;
    else s.out += t;
    self.set(item.e.name, s);
  };
  for (const e of xs) {
    while (stack.length && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= e.ts) close(stack.pop()!);
    if (stack.length) stack.at(-1)!.child += e.dur!;
    stack.push({ e, child: 0 });
  }
  while (stack.length) close(stack.pop()!);
  return self;
}

/** Self and inclusive samples per JS function from the ProfileChunk events. */
function jsTimes(events: TraceEvent[], windows: Window[], within = true) {
  const nodes = new Map<number, { parent?: number; label: string }>();
  const selfIn = new Map<string, number>();
  const totalIn = new Map<string, number>();
  let ts = 0;
  let started = false;
  for (const e of events) {
    if (e.name === 'Profile') {
      ts = e.args?.data?.startTime ?? e.ts;
      started = true;
    }
    if (e.name !== 'ProfileChunk' || !started) continue;
    const data = e.args?.data ?? {};
    for (const n of data.cpuProfile?.nodes ?? []) {
      const f = n.callFrame ?? {};
      const file = String(f.url ?? '').split('/').pop();
      nodes.set(n.id, { parent: n.parent, label: `${f.functionName || '(anon)'} ${file}:${f.lineNumber ?? ''}:${f.columnNumber ?? ''}` });
    }
    const samples: number[] = data.cpuProfile?.samples ?? [];
    const deltas: number[] = data.timeDeltas ?? [];
    samples.forEach((id, i) => {
      ts += deltas[i] ?? 0;
      if (inside(ts, windows) !== within) return;
      const step = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
      const node = nodes.get(id);
      if (!node) return;
      selfIn.set(node.label, (selfIn.get(node.label) ?? 0) + step);
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = nodes.get(at)?.parent) {
        const label = nodes.get(at)?.label;
        if (!label || seen.has(label)) continue;
        seen.add(label);
        totalIn.set(label, (totalIn.get(label) ?? 0) + step);
      }
    });
  }
  return { selfIn, totalIn };
}

const top = <T>(m: Map<string, T>, key: (v: T) => number, n: number) =>
  [...m.entries()].sort((a, b) => key(b[1]) - key(a[1])).slice(0, n);

export function summariseTrace(path: string, keys: number): string {
  const raw = JSON.parse(readFileSync(path, 'utf8'));
  const events: TraceEvent[] = Array.isArray(raw) ? raw : raw.traceEvents;
  const thread = mainThread(events);
  const windows = keystrokeWindows(events);
  const lines = [`trace ${path}: ${windows.length} keystroke windows; per keystroke (ms), self time on the main thread:`];
  const self = selfTimes(events, thread, windows);
  for (const [name, t] of top(self, (v) => v.in, 18)) {
    lines.push(`  ${(t.in / keys).toFixed(2).padStart(7)} in keys  ${(t.out / keys).toFixed(2).padStart(7)} between  ${name}`);
  }
  lines.push('  between keys, largest:');
  for (const [name, t] of top(self, (v) => v.out, 10)) lines.push(`  ${(t.out / keys).toFixed(2).padStart(7)} between  ${name}`);
  const js = jsTimes(events, windows);
  lines.push('JS in keystroke windows, per keystroke (ms): self | inclusive');
  for (const [label, t] of top(js.selfIn, (v) => v, 25)) lines.push(`  ${(t / keys).toFixed(2).padStart(7)} self  ${label}`);
  for (const [label, t] of top(js.totalIn, (v) => v, 40)) lines.push(`  ${(t / keys).toFixed(2).padStart(7)} incl  ${label}`);
  const rest = jsTimes(events, windows, false);
  lines.push('JS between keystrokes, per keystroke (ms), inclusive:');
  for (const [label, t] of top(rest.totalIn, (v) => v, 40)) lines.push(`  ${(t / keys).toFixed(2).padStart(7)} incl  ${label}`);
  return lines.join('\n');
}
