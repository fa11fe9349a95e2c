// The rule set: our own versioned, machine-readable form of a standard's requirements, the
// master copy that the Spectral ruleset, the OSCAL catalog and the reference checker are built
// from. Its JSON Schema is rules.schema.json beside this file; keep the two in step, and bump
// the major of FORMAT_VERSION for any change a consumer could trip over.

import type {
  Check,
  CheckArtifact,
  Convention,
  Kind,
  ObligationLevel,
  Severity
} from '../../clauses/model';

export const FORMAT_VERSION = '1.0.0';

/** Where the schema is published; the app serves rules.schema.json under this path. */
export const RULES_SCHEMA_ID = 'https://clausework.dev/schemas/rules/1.0.0/rules.schema.json';

export const GENERATOR = 'clausework';

export interface RuleSet {
  $schema: string;
  formatVersion: string;
  document: RuleSetDocument;
  rules: Rule[];
}

export interface RuleSetDocument {
  id: string;
  designation: string;
  title: string;
  version: string;
  status: string;
  convention: Convention;
  /** sha256 of the canonical JSON of the Standard the rules were generated from. */
  sourceSha256: string;
  /** ISO 8601; omitted unless the caller asks for it, so that exports are byte-stable. */
  generatedAt?: string;
  generator: string;
}

export interface Rule {
  id: string;
  uuid: string;
  /** A requirement statement, or a policy-recommendation clause as a whole. */
  scope: 'requirement' | 'clause';
  /** The clause number as printed ("7.2", "A.1"). */
  clause: string;
  clauseId: string;
  /** The clause title, plain text. */
  title: string;
  /** The requirement statement (or the policy clause's text), verbatim. */
  text: string;
  kind: Kind;
  /** Absent for informative rules. */
  obligation?: { level: ObligationLevel; keyword: string };
  severity: Severity;
  /** Absent for informative rules. */
  checks?: RuleCheck[];
  provenance: Provenance;
}

/** A requirement's machine check as the rule set carries it: how it is verified, too. */
export interface RuleCheck extends Check {
  method: 'automated' | 'inspection' | 'test';
}

export interface Provenance {
  sourceVersion: string;
  /** sha256 of the normalised text (NFC, whitespace collapsed): tells a consumer a rule is stale. */
  textSha256: string;
  /** Where the rule's text lives in the draft: the paragraph id, or the clause id. */
  anchor: string;
}

/** Default severity of a rule from its obligation level (rules-format.md). */
export const LEVEL_SEVERITY: Record<ObligationLevel, Severity> = {
  required: 'error',
  prohibited: 'error',
  recommended: 'warn',
  'not-recommended': 'warn',
  optional: 'info'
};

/** Artifacts a tool can check mechanically from a JSON/YAML file; prose needs a reader. */
export const DATA_ARTIFACTS: readonly CheckArtifact[] = [
  'data-schema',
  'configuration',
  'data-instance'
];

export function isDataCheck(check: RuleCheck): boolean {
  return DATA_ARTIFACTS.includes(check.target.artifact) && check.method === 'automated';
}
