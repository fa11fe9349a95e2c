// What one clause contributes to the standard-wide rules (ids, cross-references, glossary):
// gathered once per clause so that those rules only join small sets.

import type { Block, Clause, Inline } from '../model';
import { inlineText } from '../text';
import type { ClauseContext } from '../requirements';

export interface Use {
  blockId: string;
  start: number;
  end: number;
}

export interface ClauseFacts {
  /** Ids defined in this clause: the clause and every block or paragraph with an id. */
  ids: string[];
  xrefs: { target: string; blockId: string }[];
  /** Upper-case tokens that read as abbreviations, at their first use. */
  abbreviationsUsed: Map<string, Use>;
  /** Abbreviations defined (only in the Abbreviations clause). */
  abbreviationsDefined: string[];
  terms: { id: string; term: string; definition: string }[];
  /** Entries of the References clause. */
  references: { id: string; tag: string }[];
  /** "[TAG]" citations written as text. */
  citedTags: Set<string>;
  /** Running text outside term entries (inline code blanked), for term usage. */
  texts: string[];
}

// Upper-case words that are not abbreviations a draft must define: RFC 2119 keywords, ITU
// boilerplate and Roman numerals.
const NOT_ABBREVIATIONS = new Set([
  'MUST', 'SHALL', 'SHOULD', 'MAY', 'NOT', 'REQUIRED', 'RECOMMENDED', 'OPTIONAL', 'NOTE', 'NOTES',
  'ITU', 'ISO', 'IEC', 'TSB', 'TD', 'AND', 'OR', 'THE'
]);
const ROMAN = /^[IVXLCDM]+$/;
const NO_USES: Map<string, Use> = new Map();
// Most clauses have no cross-references, terms or references: they share one empty list, which
// `append` replaces on the first entry, so a standard's facts hold thousands fewer objects.
const NONE: never[] = [];

type ListKey = 'xrefs' | 'abbreviationsDefined' | 'terms' | 'references';

function append<K extends ListKey>(facts: ClauseFacts, key: K, value: ClauseFacts[K][number]): void {
  const list = facts[key] as ClauseFacts[K][number][];
  if (list === NONE) (facts[key] as ClauseFacts[K][number][]) = [value];
  else list.push(value);
}
const NO_TAGS: Set<string> = new Set();
const ABBREVIATION = /(?<![\w-])[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*(?:s)?(?![\w])/g;
const BRACKETED = /\[([^\]\n]{1,120})\]/g;

function blankBrackets(text: string): string {
  return text.replace(BRACKETED, (m) => ' '.repeat(m.length));
}

function scanAbbreviations(text: string, blockId: string, facts: ClauseFacts): void {
  if (!/[A-Z][A-Z0-9]*[A-Z]/.test(text)) return;
  // Most clauses use none: the shared empty map is replaced on the first use.
  if (facts.abbreviationsUsed === NO_USES) facts.abbreviationsUsed = new Map();
  const out = facts.abbreviationsUsed;
  const t = blankBrackets(text);
  ABBREVIATION.lastIndex = 0;
  for (let m = ABBREVIATION.exec(t); m; m = ABBREVIATION.exec(t)) {
    const word = m[0].endsWith('s') ? m[0].slice(0, -1) : m[0];
    if (NOT_ABBREVIATIONS.has(word) || ROMAN.test(word) || /^\d/.test(word) && !/[A-Z]{2}/.test(word)) continue;
    if (!out.has(word)) out.set(word, { blockId, start: m.index, end: m.index + m[0].length });
  }
}

function scanCitations(text: string, facts: ClauseFacts): void {
  if (!text.includes('[')) return;
  if (facts.citedTags === NO_TAGS) facts.citedTags = new Set();
  const out = facts.citedTags;
  BRACKETED.lastIndex = 0;
  for (let m = BRACKETED.exec(text); m; m = BRACKETED.exec(text)) out.add(m[1]!.trim());
}

/** Running text with inline code blanked, as in requirements' prose. */
function prose(inlines: Inline[]): string {
  let out = '';
  for (const i of inlines) {
    if (i.type === 'text') out += i.marks?.includes('code') ? ' '.repeat(i.text.length) : i.text;
    else if (i.type === 'break') out += '\n';
    else out += ' ';
  }
  return out;
}

interface Collector {
  facts: ClauseFacts;
  /** False where the text is fixed wording or lists other bodies' names. */
  scanAbbr: boolean;
}

function inlines(c: Collector, content: Inline[], blockId: string, scanAbbr: boolean): void {
  for (const i of content) if (i.type === 'xref') append(c.facts, 'xrefs', { target: i.target, blockId });
  const text = prose(content);
  if (scanAbbr && c.scanAbbr) scanAbbreviations(text, blockId, c.facts);
  // Cross-references are blanked in `text`: a citation here is a "[TAG]" typed as text.
  scanCitations(text, c.facts);
  c.facts.texts.push(text);
}

function blocks(c: Collector, list: Block[], ctx: ClauseContext): void {
  for (const b of list) {
    if ('id' in b && b.id) c.facts.ids.push(b.id);
    switch (b.type) {
      case 'paragraph':
        inlines(c, b.content, b.id, true);
        break;
      case 'list':
        for (const item of b.items) blocks(c, item, ctx);
        break;
      case 'note':
      case 'example':
        blocks(c, b.content, ctx);
        break;
      case 'table':
        inlines(c, b.caption, b.id, true);
        for (const row of b.rows) for (const cell of row) inlines(c, cell, b.id, true);
        break;
      case 'figure':
        inlines(c, b.caption, b.id, true);
        break;
      case 'term':
        append(c.facts, 'terms', { id: b.id, term: b.term, definition: inlineText(b.definition).toLowerCase() });
        for (const i of b.definition) if (i.type === 'xref') append(c.facts, 'xrefs', { target: i.target, blockId: b.id });
        if (c.scanAbbr) scanAbbreviations(prose(b.definition), b.id, c.facts);
        break;
      case 'abbreviation':
        if (ctx.topRole === 'abbreviations') append(c.facts, 'abbreviationsDefined', b.abbr.trim());
        break;
      case 'reference':
        if (ctx.topRole === 'references') append(c.facts, 'references', { id: b.id, tag: b.tag.trim() });
        for (const i of b.content) if (i.type === 'xref') append(c.facts, 'xrefs', { target: i.target, blockId: b.id });
        break;
      case 'code':
        break;
    }
  }
}

export function clauseFacts(clause: Clause, ctx: ClauseContext): ClauseFacts {
  const c: Collector = {
    facts: {
      ids: [clause.id],
      xrefs: NONE,
      abbreviationsUsed: NO_USES,
      abbreviationsDefined: NONE,
      terms: NONE,
      references: NONE,
      citedTags: NO_TAGS,
      texts: []
    },
    // Reference lists name other bodies' documents; Conventions is fixed wording ("BCP 14").
    scanAbbr: !['references', 'bibliography', 'conventions'].includes(ctx.topRole)
  };
  inlines(c, clause.title, clause.id, true);
  blocks(c, clause.blocks, ctx);
  return c.facts;
}
