// Benchmark of the exporters on a generated 2,000-clause standard: Markdown, ITU-T HTML,
// ITU-T DOCX and rules, each timed over a few runs (median), and pandoc (Debian's) converting
// our exported Markdown of the same standard to DOCX and to HTML, with our time / pandoc's.
// Run: `npm run bench -- exporters` (or `npx tsx test/bench/exporters.ts [clauses]`).
// Targets (issue 4): Markdown < 300 ms, HTML < 500 ms, DOCX < 2 s, rules < 100 ms.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Block, Clause, Standard } from '../../clauses/model';
import { skeletonStandard, completeMeta } from '../../clauses/skeleton';
import { exportItuDocx, exportItuHtml } from '../../exporters/itu';

const RUNS = 5;

/** A standard with `count` body clauses (top-level clauses of nine sub-clauses each). */
export function generateStandard(count: number): Standard {
  const std = skeletonStandard(
    completeMeta({
      id: 's-bench',
      title: 'Generated benchmark standard',
      designation: 'ITU-T X.BENCH',
      series: 'Series X: Data networks',
      studyGroup: 'SG17',
      date: '11/2026'
    })
  );
  let n = 0;
  const text = (s: string) => [{ type: 'text' as const, text: s }];
  const blocks = (i: number): Block[] => [
    { type: 'paragraph', id: `p-${i}a`, content: text(`The system is required to handle case ${i} within 200 ms of its arrival.`) },
    { type: 'paragraph', id: `p-${i}b`, content: text(`Implementations are recommended to log case ${i} for later audit by the operator.`) },
    { type: 'paragraph', id: `p-${i}c`, content: text(`Informative explanation of case ${i}, which states no requirement at all.`) },
    ...(i % 10 === 0 ? [{ type: 'note' as const, id: `n-${i}`, content: [{ type: 'paragraph' as const, id: `p-${i}n`, content: text(`Note on case ${i}.`) }] }] : []),
    ...(i % 25 === 0
      ? [{ type: 'table' as const, id: `t-${i}`, caption: text(`Limits of case ${i}`), header: true, rows: [[text('Parameter'), text('Limit')], [text('latency'), text('200 ms')]] }]
      : [])
  ];
  const body: Clause[] = [];
  while (n < count) {
    const top: Clause = { id: `c-b${n}`, role: 'body', kind: null, title: text(`Topic ${n}`), blocks: blocks(n), children: [] };
    n += 1;
    for (let j = 0; j < 9 && n < count; j += 1, n += 1) {
      top.children.push({ id: `c-b${n}`, role: 'body', kind: n % 50 === 0 ? 'policy-recommendation' : null, title: text(`Aspect ${n}`), blocks: blocks(n), children: [] });
    }
    body.push(top);
  }
  const bibliography = std.clauses.findIndex((c) => c.role === 'bibliography');
  const firstBody = std.clauses.findIndex((c) => c.role === 'body');
  std.clauses.splice(firstBody, bibliography - firstBody, ...body);
  return std;
}

interface Timing {
  /** Elapsed time. */
  wall: number;
  /** CPU time of this process (user + system): what the exporter costs on a machine others share. */
  cpu: number;
}

const mid = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function median(fn: () => unknown): Promise<Timing> {
  const wall: number[] = [];
  const cpu: number[] = [];
  await fn(); // warm-up: module initialisation and JIT are not what we measure
  for (let i = 0; i < RUNS; i += 1) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: mid(wall), cpu: mid(cpu) };
}

/** An exporter owned by another module, when it exists in this tree. */
async function optionalExport(path: string, name: string): Promise<((std: Standard) => unknown) | undefined> {
  const file = join(import.meta.dirname, '..', '..', path);
  if (!['.ts', '/index.ts'].some((ext) => existsSync(file + ext))) return undefined;
  const url = pathToFileURL(existsSync(`${file}.ts`) ? `${file}.ts` : `${file}/index.ts`).href;
  const mod = (await import(url)) as Record<string, unknown>;
  const fn = mod[name];
  return typeof fn === 'function' ? (fn as (std: Standard) => unknown) : undefined;
}

/** pandoc's wall and CPU time, the latter from bash's `time` (children's user + system). */
function pandocTime(markdownFile: string, to: 'docx' | 'html', out: string): Timing | undefined {
  const command = `TIMEFORMAT='%U %S'; time pandoc -f gfm -t ${to} -s -o "$1" "$2"`;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const start = performance.now();
    const result = spawnSync('bash', ['-c', command, 'bench', out, markdownFile], { encoding: 'utf8' });
    if (result.error || result.status !== 0) return undefined;
    wall.push(performance.now() - start);
    const [user, system] = (result.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
    cpu.push(((user ?? NaN) + (system ?? NaN)) * 1000);
  }
  return { wall: mid(wall), cpu: mid(cpu) };
}

const fmt = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? 'n/a' : `${ms.toFixed(0)} ms`);
const both = (t: Timing | undefined) => `${fmt(t?.wall).padStart(8)} wall ${fmt(t?.cpu).padStart(8)} cpu`;

export async function benchExporters(clauses = 2000): Promise<void> {
  const std = generateStandard(clauses);
  console.log(`Exporters on a generated standard of ${clauses} body clauses (median of ${RUNS} runs)`);
  const md = await optionalExport('exporters/markdown/index', 'exportMarkdown');
  const rules = await optionalExport('exporters/rules/export', 'exportRules');
  const rows: [string, Timing | undefined, number][] = [];
  rows.push(['markdown', md ? await median(() => md(std)) : undefined, 300]);
  rows.push(['html', await median(() => exportItuHtml(std)), 500]);
  rows.push(['docx', await median(() => exportItuDocx(std)), 2000]);
  rows.push(['rules', rules ? await median(() => rules(std)) : undefined, 100]);
  for (const [name, t, target] of rows) {
    const verdict = t === undefined ? 'exporter not present' : t.wall <= target ? 'ok' : t.cpu <= target ? 'ok in CPU time (machine busy)' : 'OVER TARGET';
    console.log(`  ${name.padEnd(9)} ${both(t)}  target < ${target} ms  ${verdict}`);
  }

  if (!md) {
    console.log('  pandoc: skipped (no Markdown export to feed it)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-exporters-'));
  try {
    const mdFile = join(dir, 'standard.md');
    const exported = await md(std);
    writeFileSync(mdFile, typeof exported === 'string' ? exported : String(exported));
    for (const [to, ours] of [['docx', rows[2]![1]], ['html', rows[1]![1]]] as const) {
      const theirs = pandocTime(mdFile, to, join(dir, `out.${to}`));
      const ratio = (a?: number, b?: number) => (a !== undefined && b ? (a / b).toFixed(2) : 'n/a');
      console.log(
        `  pandoc md->${to.padEnd(4)} ${both(theirs)}  ours/pandoc = ${ratio(ours?.wall, theirs?.wall)} (wall), ${ratio(ours?.cpu, theirs?.cpu)} (cpu)`
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchExporters(Number(process.argv[2] ?? 2000));
}
