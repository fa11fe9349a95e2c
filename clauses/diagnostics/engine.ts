// The analysis engine: numbering, kinds, requirements and diagnostics of a whole standard, with
// the per-clause work memoised by clause object identity. An editor that rebuilds only the
// clause being typed in (keeping the other Clause objects, as `replaceClause` does) pays for
// one clause plus the standard-wide joins on each keystroke.

import type { Clause, Kind, Standard } from '../model';
import { numberStandard, type Numbering } from '../numbering';
import { effectiveKinds } from '../kinds';
import {
  clauseContexts,
  clauseRequirements,
  detectParagraphs,
  paragraphUnits,
  type ClauseContext,
  type Requirement
} from '../requirements';
import { ambiguousModals, misplacedKeywords, mixedConventions, severalObligations } from './obligations';
import { policyLanguage } from './policy';
import { sensitiveAttributes } from './privacy';
import { attachedChecks, labelPattern } from './checks';
import { structure } from './structure';
import { clauseFacts, type ClauseFacts } from './facts';
import {
  badPattern,
  clausesWithoutRequirements,
  danglingXrefs,
  duplicateIds,
  termIndex,
  termsUsedIn,
  uncitedReferences,
  undefinedAbbreviations,
  unusedTerms,
  type ClauseEntry
} from './global';
import type { Diagnostic } from './types';

export interface Analysis {
  numbering: Numbering;
  kinds: Map<string, Kind>;
  requirements: Requirement[];
  diagnostics: Diagnostic[];
}

interface ClauseResult {
  key: string;
  clause: Pick<Clause, 'id' | 'kind' | 'title'> & { childCount: number };
  requirements: Requirement[];
  local: Diagnostic[];
  facts: ClauseFacts;
  termKey?: string;
  termsUsed?: Set<string>;
}

function contextKey(ctx: ClauseContext): string {
  return [ctx.number, ctx.kind, ctx.topRole, ctx.convention, ctx.standardId, ctx.pattern].join('\u0000');
}

function analyseClause(clause: Clause, ctx: ClauseContext, key: string): ClauseResult {
  const units = paragraphUnits(clause);
  const detected = detectParagraphs(clause, ctx);
  const requirements = clauseRequirements(clause, ctx, detected);
  const local = [
    ...structure(clause, ctx),
    ...misplacedKeywords(clause, ctx, detected),
    ...mixedConventions(clause, ctx, detected),
    ...ambiguousModals(clause, ctx, units),
    ...severalObligations(clause, ctx, detected),
    ...labelPattern(clause, ctx, requirements),
    ...attachedChecks(clause, ctx, units, requirements),
    ...policyLanguage(clause, ctx, units),
    ...sensitiveAttributes(clause, ctx, requirements)
  ];
  const own = { id: clause.id, kind: clause.kind, title: clause.title, childCount: clause.children.length };
  return { key, clause: own, requirements, local, facts: clauseFacts(clause, ctx) };
}

export interface Engine {
  run(std: Standard): Analysis;
}

/** A fresh engine with its own memo; keep one per open document. */
export function createEngine(): Engine {
  // Keyed by the blocks array rather than the Clause: an edit in a sub-clause copies its
  // ancestors (new Clause objects) but leaves their own blocks untouched.
  const memo = new WeakMap<Clause['blocks'], ClauseResult>();

  const resultFor = (clause: Clause, ctx: ClauseContext): ClauseResult => {
    const key = contextKey(ctx);
    const hit = memo.get(clause.blocks);
    if (
      hit &&
      hit.key === key &&
      hit.clause.id === clause.id &&
      hit.clause.kind === clause.kind &&
      hit.clause.title === clause.title &&
      hit.clause.childCount === clause.children.length
    )
      return hit;
    const fresh = analyseClause(clause, ctx, key);
    memo.set(clause.blocks, fresh);
    return fresh;
  };

  return {
    run(std) {
      const numbering = numberStandard(std);
      const kinds = effectiveKinds(std);
      const contexts = clauseContexts(
        std,
        (id) => numbering.clause.get(id) ?? '',
        (id) => kinds.get(id) ?? 'normative-technical'
      );
      const results = contexts.map(({ clause, ctx }) => resultFor(clause, ctx));
      const partial = contexts.map(({ clause, ctx }, i) => ({ clause, ctx, facts: results[i]!.facts, requirements: results[i]!.requirements }));
      const index = termIndex(partial as ClauseEntry[]);
      const entries: ClauseEntry[] = partial.map((p, i) => {
        const r = results[i]!;
        if (r.termKey !== index.key) {
          r.termsUsed = termsUsedIn(r.facts, index);
          r.termKey = index.key;
        }
        return { ...p, termsUsed: r.termsUsed! };
      });

      const global = new Map<string, Diagnostic[]>();
      const head: Diagnostic[] = [];
      const emit = (d: Diagnostic) => {
        if (!d.clauseId) return void head.push(d);
        const list = global.get(d.clauseId);
        if (list) list.push(d);
        else global.set(d.clauseId, [d]);
      };
      badPattern(std.meta.requirementPattern, contexts[0]?.ctx.matcher, emit);
      duplicateIds(entries, emit);
      danglingXrefs(entries, emit);
      undefinedAbbreviations(entries, emit);
      unusedTerms(entries, index, emit);
      uncitedReferences(entries, emit);
      clausesWithoutRequirements(entries, emit);

      const diagnostics = head;
      const requirements: Requirement[] = [];
      results.forEach((r, i) => {
        for (const req of r.requirements) requirements.push(req);
        for (const d of r.local) diagnostics.push(d);
        const extra = global.get(contexts[i]!.clause.id);
        if (extra) for (const d of extra) diagnostics.push(d);
      });
      return { numbering, kinds, requirements, diagnostics };
    }
  };
}
