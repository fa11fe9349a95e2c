// One pass over a standard computing numbering, effective kinds, requirements and diagnostics,
// memoised per clause (clauses/diagnostics/engine). `replaceClause` builds the next standard
// after an edit the way the memo wants it: every untouched Clause object is kept.

import type { Clause, Standard } from './model';
import { createEngine, type Analysis } from './diagnostics/engine';

export type { Analysis } from './diagnostics/engine';

/** A one-off analysis. */
export function analyseStandard(std: Standard): Analysis {
  return createEngine().run(std);
}

/** An analyser that remembers per-clause results between calls; keep one per open document. */
export function createAnalyser(): (std: Standard) => Analysis {
  const engine = createEngine();
  return (std) => engine.run(std);
}

/**
 * The standard with one clause replaced, sharing every other Clause object with the original
 * (only the ancestors of the replaced clause are copied). Returns the original when the id is
 * unknown.
 */
export function replaceClause(std: Standard, clauseId: string, next: Clause): Standard {
  const swap = (clauses: Clause[]): Clause[] | undefined => {
    for (let i = 0; i < clauses.length; i++) {
      const c = clauses[i]!;
      if (c.id === clauseId) return [...clauses.slice(0, i), next, ...clauses.slice(i + 1)];
      const children = swap(c.children);
      if (children) return [...clauses.slice(0, i), { ...c, children }, ...clauses.slice(i + 1)];
    }
    return undefined;
  };
  const clauses = swap(std.clauses);
  return clauses ? { ...std, clauses } : std;
}
