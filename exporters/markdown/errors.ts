// What the Markdown importer reports besides the standard it builds.

/** The input cannot be imported at all; nothing is created. The message names the problem. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** Something the importer skipped or changed and the user should know about. */
export interface ImportWarning {
  code:
    | 'skipped-front-matter'
    | 'skipped-content'
    | 'dropped-link'
    | 'dropped-html'
    | 'metadata-mismatch'
    | 'missing-parent'
    | 'number-mismatch';
  message: string;
  /** The 1-based line in the Markdown where the problem starts, when known. */
  line?: number;
}

/** A clause whose text reads like policy: the user decides whether to tag it. */
export interface PolicyProposal {
  clauseId: string;
  /** The phrases that triggered the proposal, as found in the text. */
  evidence: string[];
}
