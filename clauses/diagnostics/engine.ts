// The analysis engine: numbering, kinds, requirements and diagnostics of a whole standard.
// Per-clause work is memoised by the clause's blocks array (plus its title, tag, number and
// effective kind), and standard-wide rules read tallies updated from the clauses that changed.
// An editor that rebuilds only the clause being typed in (keeping the other Clause objects, as
// clauses/analysis `replaceClause` does) pays for one clause plus small joins per keystroke.

import type { Clause, ClauseRole, Kind, Standard } from '../model';
import { numberStandard, type Numbering } from '../numbering';
import { effectiveKinds } from '../kinds';
import {
  clauseRequirements,
  detectParagraphs,
  labelMatcher,
  paragraphUnits,
  type ClauseContext,
  type Requirement
} from '../requirements';
import { ambiguousModals, lowerCaseKeywords, misplacedKeywords, mixedConventions, severalObligations } from './obligations';
import { policyLanguage } from './policy';
import { sensitiveAttributes } from './privacy';
import { attachedChecks, labelPattern } from './checks';
import { structure } from './structure';
import { clauseFacts } from './facts';
import { Tallies, type ClauseResult } from './aggregate';
import {
  badPattern,
  clausesWithoutRequirements,
  danglingXrefs,
  duplicateIds,
  glossary,
  termsUsedIn,
  uncitedReferences,
  undefinedAbbreviations,
  unusedTerms,
  type Glossary
} from './global';
import type { Diagnostic } from './types';

export interface Analysis {
  numbering: Numbering;
  kinds: Map<string, Kind>;
  requirements: Requirement[];
  diagnostics: Diagnostic[];
}

const NO_DIAGNOSTICS: Diagnostic[] = [];

function analyseClause(clause: Clause, ctx: ClauseContext): ClauseResult {
  const units = paragraphUnits(clause);
  const detected = detectParagraphs(units, ctx);
  const requirements = clauseRequirements(clause, ctx, detected);
  const local: Diagnostic[] = [];
  for (const found of [
    structure(clause, ctx),
    misplacedKeywords(clause, ctx, detected),
    mixedConventions(clause, ctx, detected),
    lowerCaseKeywords(clause, ctx, detected),
    ambiguousModals(clause, ctx, units),
    severalObligations(clause, ctx, detected),
    labelPattern(clause, ctx, requirements),
    attachedChecks(clause, ctx, units, requirements),
    policyLanguage(clause, ctx, units),
    sensitiveAttributes(clause, ctx, requirements)
  ])
    for (const d of found) local.push(d);
  return { clause, ctx, requirements, local: local.length ? local : NO_DIAGNOSTICS, facts: clauseFacts(clause, ctx) };
}

/** Whether a remembered result still describes this clause in this place. */
function stillValid(r: ClauseResult, clause: Clause, number: string, kind: Kind, topRole: ClauseRole): boolean {
  const was = r.clause;
  return (
    was.id === clause.id &&
    was.title === clause.title &&
    was.kind === clause.kind &&
    was.children.length === clause.children.length &&
    r.ctx.number === number &&
    r.ctx.kind === kind &&
    r.ctx.topRole === topRole
  );
}

export interface Engine {
  run(std: Standard): Analysis;
}

/** A fresh engine with its own memory; keep one per open document. */
export function createEngine(): Engine {
  let memo = new WeakMap<Clause['blocks'], ClauseResult>();
  let metaKey = '';
  let tallies = new Tallies();
  let previous: ClauseResult[] = [];
  let terms: Glossary = { key: '', terms: [], references: [] };

  function collect(std: Standard, numbering: Numbering, kinds: Map<string, Kind>) {
    const matcher = labelMatcher(std.meta.requirementPattern);
    const results: ClauseResult[] = [];
    const depths: number[] = [];
    const walk = (clauses: Clause[], topRole: ClauseRole | undefined, depth: number) => {
      for (const clause of clauses) {
        const top = topRole ?? clause.role;
        const number = numbering.clause.get(clause.id) ?? '';
        const kind = kinds.get(clause.id) ?? 'normative-technical';
        let r = memo.get(clause.blocks);
        if (!r || !stillValid(r, clause, number, kind, top)) {
          r = analyseClause(clause, {
            number,
            kind,
            topRole: top,
            convention: std.meta.convention,
            standardId: std.meta.id,
            pattern: std.meta.requirementPattern,
            matcher
          });
          memo.set(clause.blocks, r);
        } else if (r.clause !== clause) {
          // Same content under a copied Clause object (an ancestor of an edited clause).
          r = { ...r, clause };
          memo.set(clause.blocks, r);
        }
        results.push(r);
        depths.push(depth);
        walk(clause.children, top, depth + 1);
      }
    };
    walk(std.clauses, undefined, 0);
    return { results, depths, matcher };
  }

  /** Brings the tallies from the previous results to these, touching only what changed. */
  function update(results: ClauseResult[]): void {
    let removed: ClauseResult[];
    let added: ClauseResult[];
    if (results.length === previous.length) {
      removed = [];
      added = [];
      for (let i = 0; i < results.length; i++)
        if (results[i] !== previous[i]) {
          removed.push(previous[i]!);
          added.push(results[i]!);
        }
    } else {
      const before = new Set(previous);
      const after = new Set(results);
      removed = previous.filter((r) => !after.has(r));
      added = results.filter((r) => !before.has(r));
    }
    for (const r of removed) tallies.apply(r, -1);
    tallies.glossaryChanged = false;
    for (const r of added) tallies.apply(r, 1);
    if (tallies.glossaryChanged || removed.some((r) => r.facts.terms.length || r.facts.references.length)) {
      const next = glossary(results);
      if (next.key !== terms.key) {
        // New wording of a term: every clause's uses are recounted.
        tallies.termsUsed.counts.clear();
        for (const r of results) {
          r.termsUsed = undefined;
          r.termKey = undefined;
        }
      }
      terms = next;
    }
    for (const r of results) {
      if (r.termKey === terms.key) continue;
      if (r.termsUsed) for (const id of r.termsUsed) tallies.termsUsed.add(id, -1);
      r.termsUsed = termsUsedIn(r.facts, terms);
      r.termKey = terms.key;
      for (const id of r.termsUsed) tallies.termsUsed.add(id, 1);
    }
    previous = results;
  }

  return {
    run(std) {
      const key = [std.meta.id, std.meta.convention, std.meta.requirementPattern].join('\u0000');
      if (key !== metaKey) {
        memo = new WeakMap();
        tallies = new Tallies();
        previous = [];
        terms = { key: '', terms: [], references: [] };
        metaKey = key;
      }
      const numbering = numberStandard(std);
      const kinds = effectiveKinds(std);
      const { results, depths, matcher } = collect(std, numbering, kinds);
      update(results);

      const head: Diagnostic[] = [];
      const byClause = new Map<string, Diagnostic[]>();
      const emit = (d: Diagnostic) => {
        if (!d.clauseId) return void head.push(d);
        const list = byClause.get(d.clauseId);
        if (list) list.push(d);
        else byClause.set(d.clauseId, [d]);
      };
      badPattern(std.meta.requirementPattern, matcher, emit);
      duplicateIds(results, tallies, emit);
      danglingXrefs(results, tallies, emit);
      undefinedAbbreviations(results, tallies, emit);
      unusedTerms(terms, tallies, emit);
      uncitedReferences(terms, tallies, emit);
      clausesWithoutRequirements(results, depths, emit);

      const diagnostics = head;
      const requirements: Requirement[] = [];
      for (const r of results) {
        for (const req of r.requirements) requirements.push(req);
        for (const d of r.local) diagnostics.push(d);
        const extra = byClause.get(r.clause.id);
        if (extra) for (const d of extra) diagnostics.push(d);
      }
      return { numbering, kinds, requirements, diagnostics };
    }
  };
}
