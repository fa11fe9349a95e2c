// Standard-wide tallies of what the clauses contribute (ids, requirement ids, abbreviations,
// citations, term uses), kept up to date by adding and removing one clause's result at a time,
// so that after a keystroke the standard-wide rules need no pass over every clause's content.

import type { Clause } from '../model';
import type { ClauseContext, Requirement } from '../requirements';
import type { ClauseFacts } from './facts';
import type { Diagnostic } from './types';

/** What the engine remembers about one clause. */
export interface ClauseResult {
  clause: Clause;
  ctx: ClauseContext;
  requirements: Requirement[];
  local: Diagnostic[];
  facts: ClauseFacts;
  /** Term ids the clause's text uses, computed against the term list with this key. */
  termKey?: string;
  termsUsed?: ReadonlySet<string>;
}

class Counter<K> {
  readonly counts = new Map<K, number>();
  add(key: K, by: number): void {
    const n = (this.counts.get(key) ?? 0) + by;
    if (n > 0) this.counts.set(key, n);
    else this.counts.delete(key);
  }
  has(key: K): boolean {
    return this.counts.has(key);
  }
}

export class Tallies {
  readonly requirementIds = new Counter<string>();
  readonly abbreviationsUsed = new Counter<string>();
  readonly abbreviationsDefined = new Counter<string>();
  readonly xrefTargets = new Counter<string>();
  readonly citedTags = new Counter<string>();
  readonly termsUsed = new Counter<string>();
  abbreviationClauses = 0;
  /** Ids used by more than one requirement (kept exact as counts cross 1 and 2). */
  duplicateIds = 0;
  /** Set when a clause with terms or references came or went: their lists need rebuilding. */
  glossaryChanged = false;

  apply(r: ClauseResult, sign: 1 | -1): void {
    const f = r.facts;
    for (const req of r.requirements) {
      const before = this.requirementIds.counts.get(req.id) ?? 0;
      this.requirementIds.add(req.id, sign);
      const after = before + sign;
      if (before < 2 && after >= 2) this.duplicateIds++;
      if (before >= 2 && after < 2) this.duplicateIds--;
    }
    for (const abbr of f.abbreviationsUsed.keys()) this.abbreviationsUsed.add(abbr, sign);
    for (const abbr of f.abbreviationsDefined) this.abbreviationsDefined.add(abbr, sign);
    if (r.ctx.topRole === 'abbreviations') this.abbreviationClauses += sign;
    for (const x of f.xrefs) this.xrefTargets.add(x.target, sign);
    // The References clause lists the tags; citing happens everywhere else.
    if (r.ctx.topRole !== 'references') for (const tag of f.citedTags) this.citedTags.add(tag, sign);
    if (r.termsUsed) for (const id of r.termsUsed) this.termsUsed.add(id, sign);
    if (f.terms.length || f.references.length) this.glossaryChanged = true;
  }
}
