// Benchmark of the clause analysis (issue 3): a generated standard of 2,000 body clauses and
// 6,000 requirements. Prints the median time of
//   - a full pass (numbering + kinds + requirements + every diagnostic) with a fresh engine, and
//   - an incremental pass after one keystroke in one paragraph, with a warm engine and the
//     next standard built by `replaceClause` (every untouched Clause object kept).
// Run: `npm run bench -- clauses [clauses] [runs] [keystrokes]` (defaults 2000 15 300).
// Targets: full < 50 ms, incremental < 5 ms. Wall and CPU time are both printed: on a shared
// machine the wall time mostly measures the other processes.

import type { Block, Clause, Inline, Standard } from '../../clauses/model';
import { completeMeta, skeletonStandard } from '../../clauses/skeleton';
import { analyseStandard, createAnalyser, replaceClause } from '../../clauses/analysis';

const CLAUSES = Number(process.argv[2] ?? 2000);
const RUNS = Number(process.argv[3] ?? 15);
const KEYSTROKES = Number(process.argv[4] ?? 300);

const REQUIREMENT_SENTENCES = [
  'The capture subsystem is required to produce images with an inter-eye distance of at least 90 pixels.',
  'The FRS is prohibited from storing the raw facial image once the template has been extracted.',
  'It is recommended that the comparison threshold be configurable in steps of 0.01 through the API.',
  'The server is not recommended to retry a failed enrolment more than three times.',
  'The client can optionally request a candidate list ranked by similarity score.',
  'Each face template is required to carry the identifier of the algorithm that produced it.'
];
const PROSE = [
  'This clause specifies the behaviour of the component shown in Figure 1 and its interfaces.',
  'The values below apply to controlled capture; unconstrained capture is addressed separately.'
];

let seq = 0;
const id = (prefix: string) => `${prefix}-b${(seq++).toString(36)}`;
const text = (t: string): Inline[] => [{ type: 'text', text: t }];
const para = (t: string): Block => ({ type: 'paragraph', id: id('p'), content: text(t) });

function bodyClause(n: number, children: Clause[], xrefTarget?: string): Clause {
  const blocks: Block[] = [para(PROSE[n % PROSE.length]!)];
  for (let r = 0; r < 3; r++) blocks.push(para(REQUIREMENT_SENTENCES[(n + r) % REQUIREMENT_SENTENCES.length]!));
  if (xrefTarget)
    blocks.push({ type: 'paragraph', id: id('p'), content: [...text('See also '), { type: 'xref', target: xrefTarget }, ...text('.')] });
  if (n % 7 === 0) blocks.push({ type: 'note', id: id('n'), content: [para('The threshold trades false matches against false non-matches.')] });
  return { id: id('c'), role: 'body', kind: null, title: text(`Component ${n}`), blocks, children };
}

/** A standard with `count` body clauses: top-level clauses of nine sub-clauses each. */
function generate(count: number): Standard {
  const std = skeletonStandard(completeMeta({ id: 's-bench', title: 'Generated', designation: 'ITU-T F.BENCH' }));
  const definitions = std.clauses.find((c) => c.role === 'definitions')!;
  definitions.children[1]!.blocks.push({ type: 'term', id: 'd-template', term: 'face template', source: '', definition: text('A compact representation of the features of a face.') });
  const abbreviations = std.clauses.find((c) => c.role === 'abbreviations')!;
  abbreviations.blocks.push({ type: 'abbreviation', abbr: 'FRS', expansion: 'Face Recognition System' }, { type: 'abbreviation', abbr: 'API', expansion: 'Application Programming Interface' });
  const body: Clause[] = [];
  let n = 0;
  let previous: string | undefined;
  while (n < count) {
    const children: Clause[] = [];
    const top = n++;
    for (let i = 0; i < 9 && n < count; i++) {
      const child = bodyClause(n++, [], previous);
      previous = child.id;
      children.push(child);
    }
    body.push(bodyClause(top, children));
  }
  const at = std.clauses.findIndex((c) => c.role === 'body');
  std.clauses.splice(at, 1, ...body);
  return std;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function allClauses(clauses: Clause[], out: Clause[] = []): Clause[] {
  for (const c of clauses) {
    out.push(c);
    allClauses(c.children, out);
  }
  return out;
}

/** The clause after typing one character at the end of its second paragraph. */
function typeInto(clause: Clause, ch: string): Clause {
  const blocks = clause.blocks.map((b, i) =>
    i === 1 && b.type === 'paragraph' ? { ...b, content: text(`${(b.content[0] as { text: string }).text}${ch}`) } : b
  );
  return { ...clause, blocks };
}

const std = generate(CLAUSES);
const body = allClauses(std.clauses).filter((c) => c.role === 'body' && c.blocks.length > 1);
const first = analyseStandard(std);
console.log(`standard: ${body.length} body clauses, ${first.requirements.length} requirements, ${first.diagnostics.length} diagnostics`);

// Wall time suffers when other processes share the cores; CPU time of this process is printed
// beside it as the figure that does not depend on the machine's load.
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

const full: number[] = [];
const fullCpu: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  analyseStandard(std);
  full.push(performance.now() - t0);
  fullCpu.push(cpuMs(c0));
}

const analyse = createAnalyser();
let current = std;
analyse(current);
const incremental: number[] = [];
const incrementalCpu: number[] = [];
for (let k = 0; k < KEYSTROKES; k++) {
  const target = body[(k * 7919) % body.length]!;
  const live = allClauses(current.clauses).find((c) => c.id === target.id)!;
  current = replaceClause(current, target.id, typeInto(live, 'x'));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  analyse(current);
  incremental.push(performance.now() - t0);
  incrementalCpu.push(cpuMs(c0));
}

const f = median(full);
const inc = median(incremental);
const p95 = [...incremental].sort((a, b) => a - b)[Math.floor(incremental.length * 0.95)]!;
const fc = median(fullCpu);
const ic = median(incrementalCpu);
const icp95 = [...incrementalCpu].sort((a, b) => a - b)[Math.floor(incrementalCpu.length * 0.95)]!;
console.log(`full pass (fresh engine):         median ${f.toFixed(1)} ms wall, ${fc.toFixed(1)} ms CPU over ${RUNS} runs (target < 50 ms) ${f < 50 ? 'OK' : 'OVER'}`);
console.log(`incremental pass (one keystroke): median ${inc.toFixed(2)} ms wall, ${ic.toFixed(2)} ms CPU, p95 ${p95.toFixed(2)} ms wall / ${icp95.toFixed(2)} ms CPU over ${KEYSTROKES} keystrokes (target < 5 ms) ${inc < 5 ? 'OK' : 'OVER'}`);
