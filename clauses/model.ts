// The `Standard`: the one plain, JSON-serialisable value at the centre of the product.
// The editor's Y.Doc converts to it; diagnostics, exporters and the CLI read only it.

export const KINDS = ['normative-technical', 'policy-recommendation', 'informative'] as const;
export type Kind = (typeof KINDS)[number];

export const OBLIGATION_LEVELS = [
  'required',
  'prohibited',
  'recommended',
  'not-recommended',
  'optional'
] as const;
export type ObligationLevel = (typeof OBLIGATION_LEVELS)[number];

export const CONVENTIONS = ['itu-t', 'rfc2119'] as const;
export type Convention = (typeof CONVENTIONS)[number];

/**
 * What a top-level clause is. Sub-clauses carry 'body' and take their place from their parent.
 * Front matter (summary, keywords, introduction) and the bibliography are unnumbered; annexes
 * are lettered and normative; appendices are Roman-numbered and informative.
 */
export const CLAUSE_ROLES = [
  'summary',
  'keywords',
  'introduction',
  'scope',
  'references',
  'definitions',
  'abbreviations',
  'conventions',
  'body',
  'annex',
  'appendix',
  'bibliography'
] as const;
export type ClauseRole = (typeof CLAUSE_ROLES)[number];

export const CHECK_ARTIFACTS = ['data-schema', 'configuration', 'data-instance', 'prose'] as const;
export type CheckArtifact = (typeof CHECK_ARTIFACTS)[number];

export const CHECK_OPS = [
  'present',
  'absent',
  'truthy',
  'falsy',
  'matches',
  'not-matches',
  'keys-match',
  'keys-not-match',
  'in-enum',
  'json-schema'
] as const;
export type CheckOp = (typeof CHECK_OPS)[number];

export const SEVERITIES = ['error', 'warn', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A machine check attached to a requirement (see shared/design/rules-format.md). */
export interface Check {
  id: string;
  target: {
    artifact: CheckArtifact;
    files?: string[];
    selector: { lang: 'jsonpath'; expr: string };
  };
  assert: {
    op: CheckOp;
    field?: string;
    regex?: string;
    flags?: string;
    values?: (string | number | boolean | null)[];
    schema?: Record<string, unknown>;
  };
  severity: Severity;
  message: string;
}

export interface StandardMeta {
  id: string;
  title: string;
  designation: string; // e.g. "ITU-T F.FRS"
  series: string; // e.g. "SERIES F: NON-TELEPHONE TELECOMMUNICATION SERVICES"
  studyGroup: string; // e.g. "SG16"
  convention: Convention;
  /** Pattern an editor-set requirement label must match, as a regular expression source. */
  requirementPattern: string;
  version: string;
  date: string; // "MM/YYYY" as printed in footers; empty while a draft
}

/** Inline content: what a paragraph, title, caption or cell holds. */
export type Inline =
  | { type: 'text'; text: string; marks?: Mark[] }
  | { type: 'xref'; target: string }
  | { type: 'break' };
export type Mark = 'bold' | 'italic' | 'code';

/** A block inside a clause body. `id` is stable where something may point at the block. */
export type Block =
  | { type: 'paragraph'; id: string; content: Inline[]; requirement?: RequirementAttrs }
  | { type: 'list'; ordered: boolean; items: Block[][] }
  | { type: 'note'; id: string; content: Block[] }
  | { type: 'example'; id: string; content: Block[] }
  | { type: 'table'; id: string; caption: Inline[]; header: boolean; rows: Inline[][][] }
  | { type: 'figure'; id: string; caption: Inline[]; src: string; alt: string }
  | { type: 'code'; id: string; language: string; text: string }
  | { type: 'term'; id: string; term: string; source: string; definition: Inline[] }
  | { type: 'abbreviation'; abbr: string; expansion: string }
  | { type: 'reference'; id: string; tag: string; content: Inline[] };

/** What an editor may set on a requirement paragraph; detection supplies the rest. */
export interface RequirementAttrs {
  label?: string;
  checks?: Check[];
}

export interface Clause {
  id: string;
  role: ClauseRole;
  /** Set on the clause itself; null inherits from the parent or the role's default. */
  kind: Kind | null;
  title: Inline[];
  blocks: Block[];
  children: Clause[];
}

export interface Standard {
  meta: StandardMeta;
  clauses: Clause[];
}
