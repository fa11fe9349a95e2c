// A fast-check arbitrary for valid `Standard` values, shared by every property test (Markdown
// round trip, ITU exports, rules, Yjs conversion).
//
// "Valid" means what the editor can hold and what clauses/convert.ts produces:
// - top-level clauses in ITU order (front matter, 1–5, body, annexes, appendices, bibliography),
//   sub-clauses with role 'body';
// - ids unique across the standard and accepted by isValidId; every xref targets an existing id
//   (a clause, paragraph, note, example, table, figure, code block, term or reference);
// - inline content normalised the way ProseMirror normalises it: no empty text, no two adjacent
//   text nodes with the same marks, marks in schema order (bold, italic, code) and `code` alone
//   (Tiptap's code mark excludes the others), `marks` omitted when empty;
// - titles plain text ([] or one unmarked text); captions text with bold/italic only;
// - notes and examples hold paragraphs only (at least one); list items start with a paragraph;
// - tables rectangular with at least one row and one column;
// - `requirement` present only with a label or a checks list; checks valid per clauses/checks.
// Text is deliberately hostile: Markdown and HTML control characters, `<script>`, `-->`,
// bidirectional overrides, character references, very long words, surrounding spaces, tabs.
// Inline text never holds a newline (hard breaks are nodes) nor a C0 control other than tab.

import fc from 'fast-check';
import {
  CHECK_ARTIFACTS,
  CONVENTIONS,
  KINDS,
  SEVERITIES,
  type Block,
  type Check,
  type CheckOp,
  type Clause,
  type ClauseRole,
  type Inline,
  type Mark,
  type Standard,
  type StandardMeta
} from '../../clauses/model';

export interface ArbitraryStandardOptions {
  /** Deepest sub-clause nesting below a top-level clause (default 3). */
  maxDepth?: number;
  /** Most body clauses at the top level (default 4). */
  maxBodyClauses?: number;
  /** Most blocks in one clause (default 4). */
  maxBlocks?: number;
  /** Include hostile strings in text (default true). */
  hostile?: boolean;
}

// Pieces of text that break naive exporters; each must come out of every format as itself.
const HOSTILE = [
  '<script>alert(1)</script>',
  '<b onclick="x()">bold?</b>',
  '<!-- not a comment -->',
  '-->',
  '--!>',
  '* _ [ ] # | ` > ~ + - = ! \\',
  '**not bold**',
  '[link](javascript:alert(1))',
  '![img](x.png)',
  '# heading?',
  '1. list?',
  '- item?',
  '> quote?',
  '| a | b |',
  '```',
  '&amp; &lt; &#x20; &',
  'a & b < c > d " e \' f',
  ']]> <![CDATA[ x',
  'NOTE – looks like a note',
  'Table 1 – looks like a caption',
  '[ITU-T X.1] looks like a reference',
  '6.1 looks like a number',
  '\u202Eevil\u202C',
  '\u2066isolate\u2069',
  '\u200F\u200E',
  'x'.repeat(400),
  'Ünïcödé 汉字 🚀',
  'https://example.com/path?q=1',
  'www.example.com',
  'a\u00A0b',
  '  spaced  ',
  'tab\there',
  '\\',
  '{"json": true}'
];

const WORDS = [
  'the', 'system', 'is', 'required', 'to', 'store', 'templates', 'shall', 'MUST', 'should',
  'image', 'quality', 'face', 'recognition', 'operator', 'data', 'may', 'not', 'recommended',
  'consent', 'clause', 'table', 'value', 'level', 'accuracy'
];

function plainText(hostile: boolean, minLength = 1): fc.Arbitrary<string> {
  const piece = hostile
    ? fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
        { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }) }
      )
    : fc.constantFrom(...WORDS);
  return fc
    .array(piece, { minLength: minLength, maxLength: 8 })
    .map((parts) => parts.join(' ').replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, ''))
    .filter((s) => s.length >= minLength);
}

type Seg = { type: 'text'; text: string; marks: Mark[] } | { type: 'xref'; n: number } | { type: 'break' };

const MARK_SETS: Mark[][] = [[], [], [], ['bold'], ['italic'], ['bold', 'italic'], ['code']];
const CAPTION_MARK_SETS: Mark[][] = [[], [], ['bold'], ['italic'], ['bold', 'italic']];

function segments(hostile: boolean, opts: { xrefs: boolean; breaks: boolean; markSets: Mark[][] }) {
  const text = fc.record({
    type: fc.constant('text' as const),
    text: plainText(hostile),
    marks: fc.constantFrom(...opts.markSets)
  });
  const arbs: fc.WeightedArbitrary<Seg>[] = [{ weight: 8, arbitrary: text }];
  if (opts.xrefs) arbs.push({ weight: 1, arbitrary: fc.record({ type: fc.constant('xref' as const), n: fc.nat() }) });
  if (opts.breaks) arbs.push({ weight: 1, arbitrary: fc.constant({ type: 'break' as const }) });
  return fc.array(fc.oneof(...arbs), { minLength: 0, maxLength: 5 });
}

/** Placeholder inline content: xref targets are resolved to real ids once all ids are known. */
type RawInline = Inline | { type: 'xref'; n: number };

function normalise(segs: Seg[]): RawInline[] {
  const out: RawInline[] = [];
  for (const s of segs) {
    if (s.type !== 'text') {
      out.push(s.type === 'break' ? { type: 'break' } : { type: 'xref', n: s.n } as RawInline);
      continue;
    }
    if (!s.text) continue;
    const last = out[out.length - 1];
    if (last?.type === 'text' && sameMarks(last.marks ?? [], s.marks)) {
      last.text += s.text;
      continue;
    }
    out.push(s.marks.length ? { type: 'text', text: s.text, marks: [...s.marks] } : { type: 'text', text: s.text });
  }
  return out;
}

function sameMarks(a: Mark[], b: Mark[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

const SELECTORS = ['$..properties', '$.info', '$.paths[*]', '$..items', '$.components.schemas.*', '$'];

function checkArb(hostile: boolean): fc.Arbitrary<Omit<Check, 'id'>> {
  return fc
    .record({
      artifact: fc.constantFrom(...CHECK_ARTIFACTS),
      expr: fc.constantFrom(...SELECTORS),
      files: fc.option(fc.array(fc.constantFrom('*.json', 'schemas/**/*.yaml', 'config.yml'), { minLength: 1, maxLength: 2 }), { nil: undefined }),
      op: fc.constantFrom<CheckOp>(...(['present', 'absent', 'truthy', 'falsy', 'matches', 'not-matches', 'keys-match', 'keys-not-match', 'in-enum', 'json-schema'] as const)),
      field: fc.option(fc.constantFrom('name', 'type', 'skin_colour'), { nil: undefined }),
      regex: fc.constantFrom('^[a-z]+$', '(race|ethnicity|skin_?colou?r)', '\\d{3}-->x', '<script>'),
      flags: fc.option(fc.constantFrom('i', 'iu', 'm'), { nil: undefined }),
      values: fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null)), { minLength: 1, maxLength: 3 }),
      severity: fc.constantFrom(...SEVERITIES),
      message: plainText(hostile)
    })
    .map((r) => {
      // Prose is checked as text, so only pattern ops apply to it (clauses/checks).
      const op: CheckOp = r.artifact === 'prose' && r.op !== 'matches' && r.op !== 'not-matches' ? 'matches' : r.op;
      const assert: Check['assert'] = { op };
      if (r.field && !op.startsWith('keys-')) assert.field = r.field;
      if (['matches', 'not-matches', 'keys-match', 'keys-not-match'].includes(op)) {
        assert.regex = r.regex;
        if (r.flags) assert.flags = r.flags;
      }
      if (op === 'in-enum') assert.values = r.values;
      if (op === 'json-schema') assert.schema = { type: 'object', required: ['name'], description: '--> <b>' };
      const target: Check['target'] = { artifact: r.artifact, selector: { lang: 'jsonpath', expr: r.expr } };
      if (r.files) target.files = r.files;
      return { target, assert, severity: r.severity, message: r.message };
    });
}

// Raw blocks carry `id: ''` and xref placeholders; `finish` gives them real ids.
type RawBlock = Block;

function blockArbs(hostile: boolean, maxBlocks: number) {
  const inlines = segments(hostile, { xrefs: true, breaks: true, markSets: MARK_SETS }).map(normalise);
  const caption = segments(hostile, { xrefs: false, breaks: false, markSets: CAPTION_MARK_SETS }).map(normalise);
  const requirement = fc.option(
    fc
      .record({
        label: fc.option(fc.constantFrom('FRS-REQ-01', '[FRS-REQ-07]', 'R-<x>', 'REQ -->', 'req\u202E1'), { nil: undefined }),
        checks: fc.option(fc.array(checkArb(hostile), { minLength: 0, maxLength: 2 }), { nil: undefined })
      })
      .filter((r) => r.label !== undefined || r.checks !== undefined)
      .map((r) => {
        const out: { label?: string; checks?: Check[] } = {};
        if (r.label !== undefined) out.label = r.label;
        if (r.checks !== undefined) out.checks = r.checks.map((c, i) => ({ id: `chk-${i + 1}`, ...c }));
        return out;
      }),
    { nil: undefined, freq: 3 }
  );
  const paragraph = fc.record({ content: inlines, requirement }).map(({ content, requirement: req }) => {
    const p = { type: 'paragraph', id: '', content } as RawBlock & { type: 'paragraph' };
    if (req) p.requirement = req;
    return p as RawBlock;
  });
  const boxed = (type: 'note' | 'example') =>
    fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((content) => ({ type, id: '', content }) as RawBlock);
  const table = fc
    .record({
      caption,
      header: fc.boolean(),
      cols: fc.integer({ min: 1, max: 4 }),
      cells: fc.array(inlines, { minLength: 16, maxLength: 16 }),
      rowCount: fc.integer({ min: 1, max: 4 })
    })
    .map(({ caption: c, header, cols, cells, rowCount }) => {
      const rows: RawInline[][][] = [];
      for (let r = 0; r < rowCount; r++) rows.push(cells.slice(r * cols, r * cols + cols));
      return { type: 'table', id: '', caption: c, header, rows } as RawBlock;
    });
  const figure = fc
    .record({
      caption,
      src: fc.constantFrom('media/image1.png', 'fig 2 (draft).svg', 'https://example.com/a.png?x=1&y=<2>', ''),
      alt: fc.oneof(plainText(hostile, 0), fc.constant(''))
    })
    .map((f) => ({ type: 'figure', id: '', ...f }) as RawBlock);
  const code = fc
    .record({
      language: fc.constantFrom('', 'asn1', 'json', 'c++ <x>'),
      lines: fc.array(fc.oneof(plainText(hostile, 0), fc.constantFrom('```', '~~~~', '    indented', '</pre><script>', '')), { minLength: 0, maxLength: 4 })
    })
    .map(({ language, lines }) => ({ type: 'code', id: '', language, text: lines.join('\n') }) as RawBlock);
  const term = fc
    .record({
      term: plainText(hostile),
      source: fc.oneof(fc.constant(''), fc.constantFrom('b-ITU-T F.791', 'ISO 23599:2012', 'x]: y')),
      definition: inlines
    })
    .map((t) => ({ type: 'term', id: '', ...t }) as RawBlock);
  const abbreviation = fc
    .record({ abbr: fc.constantFrom('IABNNS', 'PWD', 'FRS', 'A&B', '<X>', 'e-mail', 'IP v6'), expansion: plainText(hostile, 0) })
    .map((a) => ({ type: 'abbreviation', ...a }) as RawBlock);
  const reference = fc
    .record({ tag: fc.constantFrom('ITU-T X.1', 'b-ITU-T F.791', 'ISO 23599:2012', 'a]b'), content: inlines })
    .map((r) => ({ type: 'reference', id: '', ...r }) as RawBlock);

  const leaf = fc.oneof(
    { weight: 10, arbitrary: paragraph },
    { weight: 2, arbitrary: boxed('note') },
    { weight: 1, arbitrary: boxed('example') },
    { weight: 2, arbitrary: table },
    { weight: 1, arbitrary: figure },
    { weight: 1, arbitrary: code },
    { weight: 2, arbitrary: term },
    { weight: 2, arbitrary: abbreviation },
    { weight: 2, arbitrary: reference }
  );
  const listItem = fc
    .tuple(paragraph, fc.array(fc.oneof({ weight: 3, arbitrary: paragraph }, { weight: 1, arbitrary: code }), { maxLength: 1 }))
    .map(([first, rest]) => [first, ...rest]);
  const shallowList = fc
    .record({ ordered: fc.boolean(), items: fc.array(listItem, { minLength: 1, maxLength: 3 }) })
    .map((l) => ({ type: 'list', ...l }) as RawBlock);
  const nestedItem = fc
    .tuple(paragraph, fc.array(fc.oneof(paragraph, shallowList), { maxLength: 2 }))
    .map(([first, rest]) => [first, ...rest]);
  const list = fc
    .record({ ordered: fc.boolean(), items: fc.array(nestedItem, { minLength: 1, maxLength: 3 }) })
    .map((l) => ({ type: 'list', ...l }) as RawBlock);
  const block = fc.oneof({ weight: 8, arbitrary: leaf }, { weight: 1, arbitrary: list });
  return fc.array(block, { minLength: 0, maxLength: maxBlocks });
}

interface RawClause {
  role: ClauseRole;
  kind: Clause['kind'];
  title: string;
  blocks: RawBlock[];
  children: RawClause[];
}

function clauseArb(role: ClauseRole, depth: number, hostile: boolean, maxBlocks: number): fc.Arbitrary<RawClause> {
  const children: fc.Arbitrary<RawClause[]> =
    depth <= 0 ? fc.constant([]) : fc.array(clauseArb('body', depth - 1, hostile, maxBlocks), { maxLength: 2, depthIdentifier: 'clause' });
  return fc.record({
    role: fc.constant(role),
    kind: fc.option(fc.constantFrom(...KINDS), { nil: null, freq: 2 }),
    title: fc.oneof({ weight: 6, arbitrary: plainText(hostile) }, { weight: 1, arbitrary: fc.constant('') }),
    blocks: blockArbs(hostile, maxBlocks),
    children
  });
}

function metaArb(hostile: boolean): fc.Arbitrary<StandardMeta> {
  return fc.record({
    id: fc.constantFrom('std-1', 'f921', 'x-<y>'),
    title: plainText(hostile, 0),
    designation: fc.constantFrom('ITU-T F.FRS', 'ITU-T F.921', '', 'ITU-T X.<1>'),
    series: fc.constantFrom('SERIES F: NON-TELEPHONE TELECOMMUNICATION SERVICES', ''),
    studyGroup: fc.constantFrom('SG16', ''),
    convention: fc.constantFrom(...CONVENTIONS),
    requirementPattern: fc.constantFrom('^FRS-REQ-\\d{2}$', '', '\\[.*-->.*\\]'),
    version: fc.constantFrom('1.0', '0.3-draft', ''),
    date: fc.constantFrom('', '08/2018', '12/2026')
  });
}

const ORDER: { role: ClauseRole; many: boolean }[] = [
  { role: 'summary', many: false },
  { role: 'keywords', many: false },
  { role: 'introduction', many: false },
  { role: 'scope', many: false },
  { role: 'references', many: false },
  { role: 'definitions', many: false },
  { role: 'abbreviations', many: false },
  { role: 'conventions', many: false },
  { role: 'body', many: true },
  { role: 'annex', many: true },
  { role: 'appendix', many: true },
  { role: 'bibliography', many: false }
];

/** Valid standards, hostile text included unless `hostile: false`. */
export function arbitraryStandard(options: ArbitraryStandardOptions = {}): fc.Arbitrary<Standard> {
  const { maxDepth = 3, maxBodyClauses = 4, maxBlocks = 4, hostile = true } = options;
  const groups = ORDER.map(({ role, many }) => {
    const one = clauseArb(role, role === 'body' || role === 'annex' || role === 'appendix' ? maxDepth : 1, hostile, maxBlocks);
    return many
      ? fc.array(one, { maxLength: role === 'body' ? maxBodyClauses : 2 })
      : fc.option(one, { nil: undefined }).map((c) => (c ? [c] : []));
  });
  return fc
    .record({ meta: metaArb(hostile), groups: fc.tuple(...groups), idSalt: fc.constantFrom('', 'x', 'q9') })
    .map(({ meta, groups: g, idSalt }) => ({ meta, clauses: g.flat(), idSalt }))
    .filter((s) => s.clauses.length > 0)
    .map(({ meta, clauses, idSalt }) => finish(meta, clauses, idSalt));
}

/** Gives every clause and block a unique id, then points each xref at one of them. */
function finish(meta: StandardMeta, raw: RawClause[], salt: string): Standard {
  let counter = 0;
  const ids: string[] = [];
  const fresh = (prefix: string) => {
    const id = `${prefix}${salt}-${++counter}`;
    ids.push(id);
    return id;
  };
  const pending: { type: 'xref'; target: string; n?: number }[] = [];
  const inl = (list: RawInline[]): Inline[] =>
    list.map((i) => {
      if (i.type !== 'xref') return i.type === 'text' ? { ...i } : i;
      const x = { type: 'xref' as const, target: '', n: (i as { n?: number }).n ?? 0 };
      pending.push(x);
      return x as Inline;
    });
  const blk = (b: RawBlock): Block => {
    switch (b.type) {
      case 'paragraph': {
        const p: Block = { type: 'paragraph', id: fresh('p'), content: inl(b.content) };
        if (b.requirement) p.requirement = b.requirement;
        return p;
      }
      case 'list':
        return { type: 'list', ordered: b.ordered, items: b.items.map((item) => item.map(blk)) };
      case 'note':
      case 'example':
        return { type: b.type, id: fresh(b.type[0]!), content: b.content.map(blk) };
      case 'table':
        return { type: 'table', id: fresh('t'), caption: inl(b.caption), header: b.header, rows: b.rows.map((r) => r.map(inl)) };
      case 'figure':
        return { ...b, id: fresh('f'), caption: inl(b.caption) };
      case 'code':
        return { ...b, id: fresh('k') };
      case 'term':
        return { ...b, id: fresh('d'), definition: inl(b.definition) };
      case 'abbreviation':
        return { ...b };
      case 'reference':
        return { ...b, id: fresh('r'), content: inl(b.content) };
    }
  };
  const cls = (c: RawClause): Clause => ({
    id: fresh('c'),
    role: c.role,
    kind: c.kind,
    title: c.title ? [{ type: 'text', text: c.title }] : [],
    blocks: c.blocks.map(blk),
    children: c.children.map(cls)
  });
  const clauses = raw.map(cls);
  for (const x of pending) {
    x.target = ids[(x.n ?? 0) % ids.length]!;
    delete x.n;
  }
  // fast-check builds records without a prototype; a plain JSON value is what the model is.
  return JSON.parse(JSON.stringify({ meta, clauses })) as Standard;
}
