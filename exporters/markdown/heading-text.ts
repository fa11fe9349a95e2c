// What a heading's text says about the clause: its literal number (stripped: numbers are
// computed), annex/appendix designation, or a fixed ITU title that gives the clause its role.

import type { ClauseRole } from '../../clauses/model';

export type HeadingInfo =
  | { kind: 'numbered'; segments: string[]; title: string }
  | { kind: 'annex' | 'appendix'; designation: string; title: string }
  /** "A.1" or "I.2": which one is decided by the enclosing annex or appendix. */
  | { kind: 'lettered'; designation: string; segments: string[]; title: string }
  | { kind: 'named'; role: ClauseRole; title: string }
  | { kind: 'front-matter'; title: string }
  | { kind: 'contents'; title: string }
  | { kind: 'plain'; title: string };

// Invisible marks Word leaves before numbers (F.921 has U+200E before "10.4.1").
const INVISIBLE = /^[\u200b-\u200f\u2060\ufeff\s]+/;

const NAMED: [RegExp, ClauseRole][] = [
  [/^summary$/i, 'summary'],
  [/^keywords?$/i, 'keywords'],
  [/^introduction$/i, 'introduction'],
  [/^bibliography$/i, 'bibliography'],
  [/^scope$/i, 'scope'],
  [/^(normative\s+)?references$/i, 'references'],
  [/^(terms\s+and\s+)?definitions$/i, 'definitions'],
  [/^abbreviations(\s+and\s+acronyms)?$/i, 'abbreviations'],
  [/^conventions$/i, 'conventions']
];
/** Roles a top-level heading may take without a number (front and back matter). */
export const UNNUMBERED_ROLES: ClauseRole[] = ['summary', 'keywords', 'introduction', 'bibliography'];
const FRONT_MATTER = /^(foreword|history|intellectual property rights|preface)$/i;
const CONTENTS = /^(table of contents|contents)$/i;

/** The role a fixed ITU title gives a clause, if any. */
export function roleOfTitle(title: string): ClauseRole | undefined {
  const t = title.trim().replace(/\s+/g, ' ');
  return NAMED.find(([re]) => re.test(t))?.[1];
}

export function parseHeadingText(raw: string): HeadingInfo {
  const text = raw.replace(INVISIBLE, '');
  const flat = text.replace(/\s+/g, ' ').trim();
  let m = /^(\d+(?:\.\d+)*)\.?(?:\s+|$)([\s\S]*)$/.exec(text);
  if (m) return { kind: 'numbered', segments: m[1]!.split('.'), title: m[2]!.trim() };
  m = /^(annex|appendix)\s+([A-Z]+)\b\.?\s*(?:[\u2013\u2014:-]\s*)?([\s\S]*)$/i.exec(text);
  if (m && (m[1]!.toLowerCase() === 'annex' ? /^[A-Z]$/ : /^[IVXLC]+$/).test(m[2]!))
    return { kind: m[1]!.toLowerCase() as 'annex' | 'appendix', designation: m[2]!, title: m[3]!.replace(/\s+/g, ' ').trim() };
  m = /^([A-Z]|[IVXLC]+)\.(\d+(?:\.\d+)*)\.?(?:\s+|$)([\s\S]*)$/.exec(text);
  if (m) return { kind: 'lettered', designation: m[1]!, segments: m[2]!.split('.'), title: m[3]!.trim() };
  const role = roleOfTitle(flat);
  if (role) return { kind: 'named', role, title: flat };
  if (FRONT_MATTER.test(flat)) return { kind: 'front-matter', title: flat };
  if (CONTENTS.test(flat)) return { kind: 'contents', title: flat };
  return { kind: 'plain', title: text.trim() };
}
