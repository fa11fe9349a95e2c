// Typing latency in the browser editor on a large standard (issue 3): 2,000 clauses and 6,000
// requirements, written through the real server, opened in Debian's Chromium. For each keystroke
// it measures the time from the key event to the end of the work it triggered (editor update,
// Yjs write, decorations, and a forced layout), and it lists the long tasks (over 50 ms) the page
// ran meanwhile (the debounced conversion and analysis between keystrokes).
// Run: `npx tsx test/bench/editor-typing.ts [clauses] [keystrokes] [delayMs] [--profile]` (needs
// `vite build`). --profile records a Chromium trace of the typing (test-results/) and prints where
// the main thread spent its time. Target: under 16 ms per keystroke. Everything runs as one
// signed-in user, the data directory's administrator (convenor of the benchmark's working group).

import { connectClient, createAccountIn, createGroupIn, startServerProcess } from '../helpers/server';
import { applyStandardToYdoc } from '../../clauses/convert';
import type { Block, Clause, Inline, Standard, StandardMeta } from '../../clauses/model';
import { completeMeta, skeletonStandard } from '../../clauses/skeleton';
import { artifactPath, launchBrowser, openAs, requireBuild } from '../e2e/helpers/browser';
import { summariseTrace } from './trace-summary';
import { openEditor } from '../e2e/helpers/editor-page';

const PROFILE = process.argv.includes('--profile');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const CLAUSES = Number(args[0] ?? 2000);
const KEYSTROKES = Number(args[1] ?? 150);
const DELAY = Number(args[2] ?? 120);
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'v8.execute',
  'blink.user_timing',
  'disabled-by-default-v8.cpu_profiler'
];

const REQUIREMENTS = [
  'The capture subsystem is required to produce images with an inter-eye distance of at least 90 pixels.',
  'The FRS is prohibited from storing the raw facial image once the template has been extracted.',
  'The comparison threshold is recommended to be configurable in steps of 0.01 through the API.',
  'The server is not recommended to retry a failed enrolment more than three times.',
  'The client can optionally request a candidate list ranked by similarity score.'
];

let seq = 0;
const text = (t: string): Inline[] => [{ type: 'text', text: t }];
const para = (t: string): Block => ({ type: 'paragraph', id: `p-g${(seq++).toString(36)}`, content: text(t) });

function bodyClause(n: number, children: Clause[]): Clause {
  const blocks = [para('This clause specifies the behaviour of one generated component.')];
  for (let r = 0; r < 3; r++) blocks.push(para(REQUIREMENTS[(n + r) % REQUIREMENTS.length]!));
  return { id: `c-g${n.toString(36)}`, role: 'body', kind: null, title: text(`Component ${n}`), blocks, children };
}

/** The skeleton with `count` body clauses (top-level clauses of nine sub-clauses each). */
function generate(meta: StandardMeta, count: number): Standard {
  const std = skeletonStandard(meta);
  const body: Clause[] = [];
  for (let n = 0; n < count; ) {
    const top = n++;
    const children: Clause[] = [];
    for (let i = 0; i < 9 && n < count; i++) children.push(bodyClause(n++, []));
    body.push(bodyClause(top, children));
  }
  const at = std.clauses.findIndex((c) => c.role === 'body');
  std.clauses.splice(at, 1, ...body);
  return std;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

requireBuild();
const server = await startServerProcess({ env: { LOG_LEVEL: 'info', MAX_DOCUMENT_BYTES: '256MiB', MAX_UPDATE_BYTES: '64MiB' } });
// The first account of the data directory: the administrator.
const bench = await createAccountIn(server.dataDir, { name: 'Bench' });
const group = await createGroupIn(server.dataDir, 'Benchmark group');
const browser = await launchBrowser();
try {
  // Create the standard as a user would (the list page's form), then write the generated content
  // through a real collaboration client.
  const response = await fetch(`${server.url}/?/create`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...bench.headers, 'content-type': 'application/x-www-form-urlencoded', origin: server.url, accept: 'text/html' },
    body: new URLSearchParams({ title: 'Generated', designation: 'ITU-T F.BENCH', series: '', studyGroup: '', groupId: group.id })
  });
  const location = response.headers.get('location') ?? '';
  if (response.status !== 303 || !location.startsWith('/standards/')) {
    throw new Error(`could not create the standard (${response.status}): ${(await response.text()).slice(0, 300)}`);
  }
  const id = decodeURIComponent(location.slice('/standards/'.length));
  const writer = await connectClient(server.wsUrl, id, { token: bench.token });
  applyStandardToYdoc(writer.doc, generate(completeMeta({ id, title: 'Generated', designation: 'ITU-T F.BENCH' }), CLAUSES));
  await writer.whenSynced(120_000);
  writer.destroy();

  const { page, errors } = await openAs(browser, bench, { url: server.url });
  await page.addInitScript((profile: boolean) => {
    const w = window as unknown as { __keys: number[]; __long: number[] };
    w.__keys = [];
    w.__long = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: 'longtask', buffered: true });
    const channel = new MessageChannel();
    let start = 0;
    channel.port1.onmessage = () => {
      void document.body.offsetHeight; // include the layout the edit caused
      w.__keys.push(performance.now() - start);
      if (profile) performance.measure('keystroke', { start });
    };
    window.addEventListener('keydown', () => {
      start = performance.now();
      channel.port2.postMessage(0); // runs after every handler of this key's events
    }, true);
  }, PROFILE);
  const t0 = Date.now();
  await openEditor(page, server.url, id);
  await page.waitForSelector('.ProseMirror p.cw-req', { timeout: 120_000 });
  const loadMs = Date.now() - t0;
  const stats = await page.evaluate(() => ({
    clauses: document.querySelectorAll('.ProseMirror section[data-type="clause"]').length,
    requirements: document.querySelectorAll('.ProseMirror p.cw-req').length
  }));

  // Type in a paragraph in the middle of the document.
  const target = page.locator('.ProseMirror section.cw-clause p.cw-req').nth(Math.floor(stats.requirements / 2));
  await target.scrollIntoViewIfNeeded();
  await target.click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const w = window as unknown as { __keys: number[]; __long: number[] };
    w.__keys.length = 0;
    w.__long.length = 0;
  });
  const tracePath = artifactPath('editor-typing-trace.json');
  if (PROFILE) await browser.startTracing(page, { path: tracePath, categories: TRACE_CATEGORIES });
  const text = ' The system is required to log every search.';
  for (let i = 0; i < KEYSTROKES; i++) await page.keyboard.type(text[i % text.length]!, { delay: 0 }).then(() => page.waitForTimeout(DELAY));
  await page.waitForTimeout(1500);
  if (PROFILE) await browser.stopTracing();
  const { keys, long } = await page.evaluate(() => {
    const w = window as unknown as { __keys: number[]; __long: number[] };
    return { keys: [...w.__keys], long: [...w.__long] };
  });

  console.log(`document: ${stats.clauses} clauses, ${stats.requirements} requirement paragraphs; opened in ${loadMs} ms`);
  console.log(
    `keystroke (event to end of update + layout), ${keys.length} keys, ${DELAY} ms apart: ` +
      `p50 ${percentile(keys, 50).toFixed(1)} ms, p95 ${percentile(keys, 95).toFixed(1)} ms, max ${Math.max(...keys).toFixed(1)} ms ` +
      `(target < 16 ms) ${percentile(keys, 95) < 16 ? 'OK' : 'OVER'}`
  );
  console.log(
    `long tasks (> 50 ms) while typing: ${long.length}` +
      (long.length ? `, p50 ${percentile(long, 50).toFixed(0)} ms, max ${Math.max(...long).toFixed(0)} ms` : '')
  );
  if (errors.length) console.log('page errors:', errors);
  if (PROFILE) console.log(summariseTrace(tracePath, keys.length));
} finally {
  await browser.close();
  await server.kill();
}
