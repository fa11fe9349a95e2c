// ITU-T numbering, computed from the tree and never stored (shared/design/itu-format.md):
// body clauses 1, 1.1, 1.1.1; annexes A, A.1; appendices I, II.3; front matter and the
// bibliography unnumbered; notes "NOTE" or "NOTE 1", "NOTE 2" within a clause; tables and figures
// 1, 2 ... through the body and A.1, II.3 within each annex or appendix; terms 3.2.1.

import type { Block, Clause, ClauseRole, Standard } from './model';

export interface Numbering {
  /** "1", "6.2", "A", "A.1", "I", "II.3"; "" for unnumbered clauses. */
  clause: Map<string, string>;
  /** What a heading prints before its title: "6.2", "Annex A", "Appendix II", "A.1", "". */
  heading: Map<string, string>;
  /** "NOTE" or "NOTE 1", "NOTE 2" ... */
  note: Map<string, string>;
  /** "1", "A.1", "II.3" */
  table: Map<string, string>;
  figure: Map<string, string>;
  /** "3.2.1" */
  term: Map<string, string>;
}

/** Top-level roles numbered 1, 2, 3 ... in document order. */
export const NUMBERED_ROLES: ReadonlySet<ClauseRole> = new Set([
  'scope',
  'references',
  'definitions',
  'abbreviations',
  'conventions',
  'body'
]);

/** 1 -> "A", 26 -> "Z", 27 -> "AA" (spreadsheet style; real standards stop well before). */
export function annexLetter(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) {
    out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  }
  return out;
}

const ROMAN: [number, string][] = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']
];

/** 1 -> "I", 14 -> "XIV". */
export function romanNumeral(n: number): string {
  let out = '';
  let rest = n;
  for (const [value, glyph] of ROMAN) {
    while (rest >= value) {
      out += glyph;
      rest -= value;
    }
  }
  return out;
}

/** Where tables and figures are counted: the body, or one annex/appendix. */
interface Counters {
  prefix: string; // "" in the body, "A." or "II." in an annex or appendix
  table: number;
  figure: number;
}

export function numberStandard(std: Standard): Numbering {
  const n: Numbering = {
    clause: new Map(),
    heading: new Map(),
    note: new Map(),
    table: new Map(),
    figure: new Map(),
    term: new Map()
  };
  const body: Counters = { prefix: '', table: 0, figure: 0 };
  let numbered = 0;
  let annexes = 0;
  let appendices = 0;
  for (const clause of std.clauses) {
    if (clause.role === 'annex') {
      const letter = annexLetter(++annexes);
      visit(n, clause, letter, `Annex ${letter}`, { prefix: `${letter}.`, table: 0, figure: 0 });
    } else if (clause.role === 'appendix') {
      const roman = romanNumeral(++appendices);
      visit(n, clause, roman, `Appendix ${roman}`, { prefix: `${roman}.`, table: 0, figure: 0 });
    } else if (NUMBERED_ROLES.has(clause.role)) {
      const number = String(++numbered);
      visit(n, clause, number, number, body);
    } else {
      visit(n, clause, '', '', body);
    }
  }
  return n;
}

function visit(n: Numbering, clause: Clause, number: string, heading: string, counters: Counters): void {
  n.clause.set(clause.id, number);
  n.heading.set(clause.id, heading);
  numberBlocks(n, clause, number, counters);
  clause.children.forEach((child, i) => {
    const childNumber = number ? `${number}.${i + 1}` : '';
    visit(n, child, childNumber, childNumber, counters);
  });
}

function numberBlocks(n: Numbering, clause: Clause, number: string, counters: Counters): void {
  const notes: string[] = [];
  let terms = 0;
  walkBlocks(clause.blocks, (block) => {
    if (block.type === 'note') notes.push(block.id);
    else if (block.type === 'table') n.table.set(block.id, counters.prefix + String(++counters.table));
    else if (block.type === 'figure') n.figure.set(block.id, counters.prefix + String(++counters.figure));
    else if (block.type === 'term') {
      terms += 1;
      n.term.set(block.id, number ? `${number}.${terms}` : String(terms));
    }
  });
  notes.forEach((id, i) => n.note.set(id, notes.length === 1 ? 'NOTE' : `NOTE ${i + 1}`));
}

/** Visits a clause's own blocks in document order, including those nested in lists. */
function walkBlocks(blocks: Block[], visit: (block: Block) => void): void {
  for (const block of blocks) {
    visit(block);
    if (block.type === 'list') for (const item of block.items) walkBlocks(item, visit);
  }
}
