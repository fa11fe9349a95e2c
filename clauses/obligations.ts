// Obligation detection: where a sentence states a requirement, and how strongly.
// Two conventions share one vocabulary of levels (shared/design/rules-format.md): the ITU-T
// phrasing ("is required to", …) and RFC 2119/8174 keywords, which count in upper case only.
// Both are always looked for, so that a keyword of the other convention is still read as the
// obligation its author meant and, separately, reported as mixed conventions.

import type { Convention, ObligationLevel } from './model';

export interface Obligation {
  level: ObligationLevel;
  /** Canonical keyword: "is required to", "MUST NOT", … */
  keyword: string;
  /** The text as written ("are also required to"). */
  matched: string;
  /** The convention the keyword belongs to. */
  convention: Convention;
  /** True when that convention is not the standard's own. */
  foreign: boolean;
  /**
   * A lower-case "shall", "must" or "should" in an ITU-T draft: read as an obligation, as
   * published Recommendations ask (ITU-T J.1108), but only in normative text, and worth
   * rephrasing in ITU-T words.
   */
  weak?: boolean;
  start: number;
  end: number;
}

interface Pattern {
  re: RegExp;
  level: ObligationLevel;
  keyword: string;
}

// One adverb may sit inside the phrase: "is also required to", "are strongly recommended".
const ADV = String.raw`(?:(?:also|therefore|further|thus|then|still|strongly|always|only|[a-z]+ly)\s+)?`;
const BE = String.raw`\b(?:is|are)\s+${ADV}`;

const ITU_PATTERNS: Pattern[] = [
  { re: new RegExp(String.raw`${BE}not\s+${ADV}recommended\b`, 'g'), level: 'not-recommended', keyword: 'is not recommended' },
  // "is not required to" grants a permission rather than imposing anything.
  { re: new RegExp(String.raw`${BE}not\s+${ADV}required\s+to\b`, 'g'), level: 'optional', keyword: 'is not required to' },
  { re: new RegExp(String.raw`${BE}required\s+to\b`, 'g'), level: 'required', keyword: 'is required to' },
  { re: new RegExp(String.raw`${BE}prohibited\b(?:\s+from\b)?`, 'g'), level: 'prohibited', keyword: 'is prohibited from' },
  { re: new RegExp(String.raw`${BE}recommended\b`, 'g'), level: 'recommended', keyword: 'is recommended' },
  { re: /\bcan\s+optionally\b/g, level: 'optional', keyword: 'can optionally' }
];

const RFC_PATTERNS: Pattern[] = [
  { re: /\bMUST\s+NOT\b/g, level: 'prohibited', keyword: 'MUST NOT' },
  { re: /\bSHALL\s+NOT\b/g, level: 'prohibited', keyword: 'SHALL NOT' },
  { re: /\bSHOULD\s+NOT\b/g, level: 'not-recommended', keyword: 'SHOULD NOT' },
  { re: /\bNOT\s+RECOMMENDED\b/g, level: 'not-recommended', keyword: 'NOT RECOMMENDED' },
  { re: /\bMUST\b/g, level: 'required', keyword: 'MUST' },
  { re: /\bSHALL\b/g, level: 'required', keyword: 'SHALL' },
  { re: /\bREQUIRED\b/g, level: 'required', keyword: 'REQUIRED' },
  { re: /\bSHOULD\b/g, level: 'recommended', keyword: 'SHOULD' },
  { re: /\bRECOMMENDED\b/g, level: 'recommended', keyword: 'RECOMMENDED' },
  { re: /\bMAY\b/g, level: 'optional', keyword: 'MAY' },
  { re: /\bOPTIONAL\b/g, level: 'optional', keyword: 'OPTIONAL' }
];

// Lower-case modals an ITU-T Recommendation reads as keywords. "may" is left out: in running
// prose it says what is possible far more often than what is permitted.
const LOWER_PATTERNS: Pattern[] = [
  { re: /\bshall\s+not\b/, level: 'prohibited', keyword: 'shall not' },
  { re: /\bmust\s+not\b/, level: 'prohibited', keyword: 'must not' },
  { re: /\bshould\s+not\b/, level: 'not-recommended', keyword: 'should not' },
  { re: /\bshall\b/, level: 'required', keyword: 'shall' },
  { re: /\bmust\b/, level: 'required', keyword: 'must' },
  { re: /\bshould\b/, level: 'recommended', keyword: 'should' }
];

const QUOTES = new Set(['"', "'", '“', '”', '‘', '’', '«', '»', '`']);

/** A keyword in quotes is being named ("the key word "MUST" means…"), not used. */
function isQuoted(text: string, start: number, end: number): boolean {
  return QUOTES.has(text[start - 1] ?? '') && QUOTES.has(text[end] ?? '');
}

// Where the ITU phrase describes rather than obliges: "the memory that is required to hold a
// template", "is recommended reading", "the codec is recommended in [ITU-T H.264]", "by ITU-T".
const RELATIVE_BEFORE = /\b(?:that|which|what|whatever|as)\s*$/i;
const DESCRIPTIVE_AFTER = /^\s*(?:reading|by\b|in\s+\[|in\s+(?:ITU|ISO|IETF|RFC|clause|annex|appendix)\b)/i;
// RFC keywords in a wholly upper-case run are a heading or an acronym soup, not a keyword.
const UPPER_RUN_BEFORE = /\b[A-Z]{2,}\s+$/;
const UPPER_RUN_AFTER = /^\s+[A-Z]{2,}\b/;
const MONTH_MAY = /^\s+\d{1,4}\b/;

function rejectItu(text: string, m: RegExpExecArray, p: Pattern): boolean {
  const before = text.slice(Math.max(0, m.index - 12), m.index);
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 24);
  if (p.level !== 'optional' && RELATIVE_BEFORE.test(before)) return true;
  if ((p.level === 'recommended' || p.level === 'not-recommended') && DESCRIPTIVE_AFTER.test(after))
    return true;
  return false;
}

function rejectRfc(text: string, m: RegExpExecArray, p: Pattern): boolean {
  const before = text.slice(Math.max(0, m.index - 16), m.index);
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
  if (p.keyword === 'MAY' && MONTH_MAY.test(after)) return true;
  return UPPER_RUN_BEFORE.test(before) && UPPER_RUN_AFTER.test(after);
}

interface Scanner {
  re: RegExp;
  patterns: Pattern[];
}

/** One expression per convention, alternatives in priority order ("MUST NOT" before "MUST"). */
function scanner(patterns: Pattern[]): Scanner {
  return { re: new RegExp(patterns.map((p) => `(${p.re.source})`).join('|'), 'g'), patterns };
}

const ITU = scanner(ITU_PATTERNS);
const RFC = scanner(RFC_PATTERNS);
const LOWER = scanner(LOWER_PATTERNS);

function scan(
  text: string,
  { re, patterns }: Scanner,
  convention: Convention,
  own: Convention,
  reject: (text: string, m: RegExpExecArray, p: Pattern) => boolean,
  out: Obligation[],
  weak = false
): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let group = 1;
    while (m[group] === undefined) group++;
    const p = patterns[group - 1]!;
    const start = m.index;
    const end = start + m[0].length;
    if (isQuoted(text, start, end) || reject(text, m, p)) continue;
    out.push({
      level: p.level,
      keyword: p.keyword,
      matched: /\s\s|[^\S ]/.test(m[0]) ? m[0].replace(/\s+/g, ' ') : m[0],
      convention,
      foreign: convention !== own,
      ...(weak ? { weak } : {}),
      start,
      end
    });
  }
}

// Cheap pre-filters: most sentences hold neither convention's vocabulary.
const ITU_HINT = /required|prohibited|recommended|optionally/;
const RFC_HINT = /MUST|SHALL|SHOULD|MAY|REQUIRED|RECOMMENDED|OPTIONAL/;
const LOWER_HINT = /shall|must|should/;
const never = () => false;

/**
 * Every obligation stated in `text`, in reading order. Keywords of the other convention are
 * included with `foreign: true`: they still carry the author's intent. In an ITU-T draft,
 * lower-case "shall", "must" and "should" are included with `weak: true`; in an RFC 2119 draft
 * they are not keywords (RFC 8174) and `findAmbiguousModals` reports them instead.
 */
export function detectObligations(text: string, convention: Convention): Obligation[] {
  const out: Obligation[] = [];
  if (RFC_HINT.test(text)) scan(text, RFC, 'rfc2119', convention, rejectRfc, out);
  if (ITU_HINT.test(text)) scan(text, ITU, 'itu-t', convention, rejectItu, out);
  if (convention === 'itu-t' && LOWER_HINT.test(text)) scan(text, LOWER, 'itu-t', convention, never, out, true);
  return out.length > 1 ? out.sort((a, b) => a.start - b.start) : out;
}

export interface AmbiguousWord {
  word: string;
  start: number;
  end: number;
}

const LOWER_MODALS = /\b(must|should|may|shall)\b/g;

/**
 * Lower-case "must", "should", "may", "shall": under RFC 8174 these keep their ordinary English
 * meaning, which in normative text of an RFC 2119 draft leaves the reader guessing.
 */
export function findAmbiguousModals(text: string): AmbiguousWord[] {
  const out: AmbiguousWord[] = [];
  LOWER_MODALS.lastIndex = 0;
  for (let m = LOWER_MODALS.exec(text); m; m = LOWER_MODALS.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!isQuoted(text, start, end)) out.push({ word: m[0], start, end });
  }
  return out;
}

/** The same obligation in the other convention, where a word-for-word swap reads correctly. */
export function translateKeyword(o: Obligation): string | undefined {
  if (o.convention === 'rfc2119') {
    const toItu: Record<string, string> = {
      MUST: 'is required to',
      SHALL: 'is required to',
      SHOULD: 'is recommended to',
      'SHOULD NOT': 'is not recommended to',
      MAY: 'can optionally'
    };
    return toItu[o.keyword];
  }
  if (o.weak) {
    const toItu: Record<string, string> = {
      shall: 'is required to',
      must: 'is required to',
      should: 'is recommended to',
      'should not': 'is not recommended to'
    };
    return toItu[o.keyword];
  }
  const toRfc: Record<string, string> = { 'is required to': 'MUST', 'can optionally': 'MAY' };
  return toRfc[o.keyword];
}
