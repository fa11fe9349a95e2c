// A seeded generator of arbitrary but valid standards, for round-trip and schema tests: every
// block type, marks, cross-references, breaks, requirement labels and checks, nested sub-clauses
// and lists, annexes and appendices. It produces only what the editor schema can hold exactly
// (no adjacent text runs with the same marks, which ProseMirror would merge).

import type { Block, Check, Clause, ClauseRole, Inline, Kind, Mark, Standard } from '../../clauses/model';
import { completeMeta } from '../../clauses/skeleton';

export type Rng = () => number;

/** mulberry32: small, fast, good enough for test data; same seed, same sequence. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

const WORDS = ['template', 'probe', 'capture', 'the', 'system', 'is required to', 'store', 'ß', 'élan', '日本', 'data', '<b>', '&amp;', '"quoted"', 'x'];

export function words(rng: Rng, n = int(rng, 1, 6)): string {
  return Array.from({ length: n }, () => pick(rng, WORDS)).join(' ');
}

// Code excludes other marks in the editor, so it never comes combined.
const MARK_SETS: Mark[][] = [[], ['bold'], ['italic'], ['code'], ['bold', 'italic']];

export class Gen {
  private n = 0;
  readonly targets: string[] = [];
  constructor(readonly rng: Rng) {}

  id(prefix: string): string {
    return `${prefix}-g${(this.n++).toString(36)}`;
  }

  inlines(allowXref = true, markSets: Mark[][] = MARK_SETS): Inline[] {
    const out: Inline[] = [];
    let lastMarks: string | null = null;
    for (let i = int(this.rng, 0, 5); i > 0; i--) {
      const r = this.rng();
      if (allowXref && r < 0.15) {
        out.push({ type: 'xref', target: this.targets.length && this.rng() < 0.8 ? pick(this.rng, this.targets) : 'nowhere' });
        lastMarks = null;
      } else if (allowXref && r < 0.22) {
        out.push({ type: 'break' });
        lastMarks = null;
      } else {
        let marks = pick(this.rng, markSets);
        if (JSON.stringify(marks) === lastMarks) marks = marks.length ? [] : ['bold'];
        if (!markSets.some((m) => JSON.stringify(m) === JSON.stringify(marks))) marks = [];
        if (JSON.stringify(marks) === lastMarks) continue;
        out.push(marks.length ? { type: 'text', text: words(this.rng), marks } : { type: 'text', text: words(this.rng) });
        lastMarks = JSON.stringify(marks);
      }
    }
    return out;
  }

  check(): Check {
    const check: Check = {
      id: this.id('chk'),
      target: { artifact: pick(this.rng, ['data-schema', 'configuration', 'data-instance', 'prose'] as const), selector: { lang: 'jsonpath', expr: '$..properties' } },
      assert: { op: pick(this.rng, ['keys-not-match', 'present', 'in-enum'] as const), field: '@key', regex: '^(race)$', flags: 'i', values: ['a', 1, true, null] },
      severity: pick(this.rng, ['error', 'warn', 'info', 'hint'] as const),
      message: words(this.rng)
    };
    if (this.rng() < 0.5) check.target.files = ['**/*.json'];
    return check;
  }

  paragraph(): Extract<Block, { type: 'paragraph' }> {
    const p: Extract<Block, { type: 'paragraph' }> = { type: 'paragraph', id: this.id('p'), content: this.inlines() };
    const r = this.rng();
    if (r < 0.15) p.requirement = { label: `FRS-REQ-${int(this.rng, 10, 99)}` };
    else if (r < 0.25) p.requirement = { label: `GEN-${int(this.rng, 1, 9)}`, checks: [this.check()] };
    else if (r < 0.3) p.requirement = { checks: [this.check(), this.check()] };
    this.targets.push(p.id);
    return p;
  }

  block(depth: number): Block {
    const kind = pick(this.rng, ['paragraph', 'paragraph', 'list', 'note', 'example', 'table', 'figure', 'code', 'term', 'abbreviation', 'reference'] as const);
    const plain: Mark[][] = [[], ['bold'], ['italic'], ['bold', 'italic']];
    const textOnly = (): Inline[] => this.inlines(false, plain);
    switch (kind) {
      case 'paragraph':
        return this.paragraph();
      case 'list':
        if (depth > 2) return this.paragraph();
        return {
          type: 'list',
          ordered: this.rng() < 0.5,
          items: Array.from({ length: int(this.rng, 1, 3) }, () => [this.paragraph(), ...Array.from({ length: int(this.rng, 0, 2) }, () => this.block(depth + 1))])
        };
      case 'note':
      case 'example': {
        const id = this.id(kind[0]!);
        this.targets.push(id);
        return { type: kind, id, content: Array.from({ length: int(this.rng, 1, 2) }, () => this.paragraph()) };
      }
      case 'table': {
        const cols = int(this.rng, 1, 3);
        const b: Block = {
          type: 'table',
          id: this.id('t'),
          caption: textOnly(),
          header: this.rng() < 0.5,
          rows: Array.from({ length: int(this.rng, 1, 3) }, () => Array.from({ length: cols }, () => this.inlines()))
        };
        this.targets.push(b.id);
        return b;
      }
      case 'figure': {
        const b: Block = { type: 'figure', id: this.id('f'), caption: textOnly(), src: pick(this.rng, ['', 'img/a.png']), alt: words(this.rng) };
        this.targets.push(b.id);
        return b;
      }
      case 'code':
        return { type: 'code', id: this.id('k'), language: pick(this.rng, ['', 'asn1', 'json']), text: pick(this.rng, ['', 'a ::= INTEGER\n  -- x', '{ "a": 1 }']) };
      case 'term': {
        const b: Block = { type: 'term', id: this.id('d'), term: words(this.rng, 2), source: pick(this.rng, ['', 'ITU-T X.1252']), definition: this.inlines() };
        this.targets.push(b.id);
        return b;
      }
      case 'abbreviation':
        return { type: 'abbreviation', abbr: pick(this.rng, ['FRS', 'PAD', 'ID']), expansion: pick(this.rng, ['', 'Face Recognition System']) };
      case 'reference':
        return { type: 'reference', id: this.id('r'), tag: pick(this.rng, ['ITU-T X.1', 'b-ISO 1']), content: this.inlines() };
    }
  }

  clause(role: ClauseRole, depth: number): Clause {
    const id = this.id('c');
    this.targets.push(id);
    const title = this.rng() < 0.9 ? words(this.rng) : '';
    return {
      id,
      role,
      kind: this.rng() < 0.5 ? null : pick(this.rng, ['normative-technical', 'policy-recommendation', 'informative'] as Kind[]),
      title: title ? [{ type: 'text', text: title }] : [],
      blocks: Array.from({ length: int(this.rng, 0, 4) }, () => this.block(0)),
      children: depth >= 3 ? [] : Array.from({ length: int(this.rng, 0, depth === 0 ? 3 : 2) }, () => this.clause('body', depth + 1))
    };
  }
}

/** A random valid standard; the same seed gives the same standard. */
export function generateStandard(seed: number): Standard {
  const g = new Gen(seededRng(seed));
  const roles: ClauseRole[] = ['summary', 'keywords', 'scope', 'references', 'definitions', 'abbreviations', 'conventions'];
  for (let i = int(g.rng, 1, 4); i > 0; i--) roles.push('body');
  for (let i = int(g.rng, 0, 2); i > 0; i--) roles.push('annex');
  for (let i = int(g.rng, 0, 2); i > 0; i--) roles.push('appendix');
  roles.push('bibliography');
  const clauses = roles.map((role) => g.clause(role, 0));
  return {
    meta: completeMeta({ id: `gen-${seed}`, title: words(g.rng), convention: g.rng() < 0.5 ? 'itu-t' : 'rfc2119', version: '1.0', date: '03/2026' }),
    clauses
  };
}
