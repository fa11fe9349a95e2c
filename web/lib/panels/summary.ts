// Counts for the summary panel: clauses and requirements per kind, requirements per obligation
// level, so a working group sees at a glance how much of the draft is policy and how strong it is.

import {
  KINDS,
  OBLIGATION_LEVELS,
  type Clause,
  type Kind,
  type ObligationLevel,
  type Standard
} from '../../../clauses/model';
import type { Requirement } from '../../../clauses/requirements';

export interface KindRow {
  kind: Kind;
  clauses: number;
  requirements: number;
  byLevel: Record<ObligationLevel, number>;
}

export interface DraftSummary {
  rows: KindRow[];
  totals: { clauses: number; requirements: number; byLevel: Record<ObligationLevel, number> };
}

function zeroLevels(): Record<ObligationLevel, number> {
  return Object.fromEntries(OBLIGATION_LEVELS.map((l) => [l, 0])) as Record<ObligationLevel, number>;
}

function eachClause(clauses: Clause[], visit: (c: Clause) => void): void {
  for (const clause of clauses) {
    visit(clause);
    eachClause(clause.children, visit);
  }
}

export function summarize(std: Standard, kinds: Map<string, Kind>, requirements: Requirement[]): DraftSummary {
  const rows = new Map<Kind, KindRow>(
    KINDS.map((kind) => [kind, { kind, clauses: 0, requirements: 0, byLevel: zeroLevels() }])
  );
  let clauses = 0;
  eachClause(std.clauses, (clause) => {
    clauses++;
    const row = rows.get(kinds.get(clause.id) ?? 'normative-technical');
    if (row) row.clauses++;
  });
  const byLevel = zeroLevels();
  for (const req of requirements) {
    const row = rows.get(req.kind);
    if (row) {
      row.requirements++;
      row.byLevel[req.level]++;
    }
    byLevel[req.level]++;
  }
  return { rows: [...rows.values()], totals: { clauses, requirements: requirements.length, byLevel } };
}
