// What a diagnostic is: the shape the problems panel, the editor underline and the CLI read.

import type { Kind } from '../model';

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/**
 * A quick fix the editor can apply with one click. Text offsets are into the plain text of the
 * paragraph (clauses/text `inlineText`, cross-references counted as "[target]").
 */
export type Fix =
  | { type: 'retag'; title: string; clauseId: string; kind: Kind }
  | { type: 'replace-text'; title: string; blockId: string; start: number; end: number; text: string }
  | { type: 'add-abbreviation'; title: string; abbr: string }
  | { type: 'clear-label'; title: string; blockId: string }
  | { type: 'fill-empty'; title: string; clauseId: string; text: string };

export interface Diagnostic {
  code: string;
  severity: DiagnosticSeverity;
  clauseId: string;
  /** The printed number ("7.2", "A.1"); "" for unnumbered clauses such as the Summary. */
  clauseNumber: string;
  blockId?: string;
  message: string;
  fix?: Fix;
  /** Span inside the block's plain text, for an underline. */
  start?: number;
  end?: number;
}
