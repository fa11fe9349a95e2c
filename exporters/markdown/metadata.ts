// The metadata an export carries so that importing it gives back the same `Standard`: HTML
// comments, which GitHub and pandoc's HTML output hide, holding JSON.
//
// Safety of the payload: it is written as pure ASCII JSON in which "<", ">", "&" and every "-"
// followed by another "-" are \u-escaped, so no value (a label, a check message) can close the
// comment ("-->", "--!>") or open markup, and bidirectional-override characters appear as \u202e
// escapes that cannot reorder what a reader sees of the line. Visible text keeps such characters
// as they are: they are the author's content, and they sit on their own lines, apart from the
// comments (the Unicode bidi algorithm never carries an override past a line end).

import type { Check, ClauseRole, Kind, StandardMeta } from '../../clauses/model';

export const COMMENT_PREFIX = 'clausework:';
export const FORMAT_VERSION = 1;

export interface StandardComment {
  v: number;
  meta: StandardMeta;
}

export interface ClauseComment {
  id: string;
  role: ClauseRole;
  kind: Kind | null;
  /** Depth in the clause tree, 1 for top level (Markdown has only six heading levels). */
  lv: number;
  /** What the heading prints before the title ("6.2 ", "Annex A – "), stripped on import. */
  h: string;
}

export interface RequirementMeta {
  label?: string;
  checks?: Check[];
}

export type BlockComment =
  | { t: 'p'; id: string; req?: RequirementMeta; e?: 1 }
  | { t: 'note' | 'example'; id: string; h: string; c: BlockComment[]; q?: 1 }
  | { t: 'table'; id: string; h: string; header: boolean }
  | { t: 'figure'; id: string; h: string }
  | { t: 'code'; id: string }
  | { t: 'term'; id: string; term: string; source: string; h: string }
  | { t: 'abbr'; abbr: string }
  | { t: 'ref'; id: string; tag: string }
  | { t: 'list'; items: BlockComment[][] };

export type Comment =
  | { kind: 'standard'; data: StandardComment }
  | { kind: 'clause'; data: ClauseComment }
  | { kind: 'block'; data: BlockComment };

/** The HTML comment for a piece of metadata. */
export function encodeComment(c: Comment): string {
  return `<!-- ${COMMENT_PREFIX}${c.kind} ${safeJson(c.data)} -->`;
}

function safeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u007f-\uffff<>&]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/-(?=-)/g, '\\u002d');
}

const COMMENT = /^<!--\s*clausework:(standard|clause|block)\s+([\s\S]*?)\s*-->\s*$/;

/**
 * The metadata in an HTML node's text, undefined when it is not one of ours. A comment of ours
 * that does not parse is reported through `onBad` rather than silently ignored.
 */
export function decodeComment(html: string, onBad: (why: string) => void): Comment | undefined {
  const m = COMMENT.exec(html.trim());
  if (!m) return undefined;
  try {
    const data = JSON.parse(m[2]!) as unknown;
    if (typeof data !== 'object' || data === null) throw new Error('not an object');
    return { kind: m[1] as Comment['kind'], data } as Comment;
  } catch (err) {
    onBad(`a clausework metadata comment is not valid JSON (${(err as Error).message}); it was ignored`);
    return undefined;
  }
}

/** Whether an HTML node is a comment of ours (well-formed or not). */
export function isOurComment(html: string): boolean {
  return /^<!--\s*clausework:/.test(html.trim());
}
