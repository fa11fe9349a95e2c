// Rules that need the whole standard: duplicate ids, dangling cross-references, glossary
// (abbreviations, terms, references) and normative clauses without requirements. They read the
// tallies and walk clause results only to place a diagnostic once a problem is known to exist.

import type { ClauseResult, Tallies } from './aggregate';
import type { ClauseFacts } from './facts';
import { diagnostic } from './make';
import { RULES } from './rules';
import type { Diagnostic } from './types';

type Emit = (d: Diagnostic) => void;

/** REQ001: two requirements with one id. Every occurrence after the first is reported. */
export function duplicateIds(results: ClauseResult[], tallies: Tallies, emit: Emit): void {
  if (tallies.duplicateIds === 0) return;
  const first = new Map<string, string>();
  for (const r of results)
    for (const req of r.requirements) {
      if ((tallies.requirementIds.counts.get(req.id) ?? 0) < 2) continue;
      const earlier = first.get(req.id);
      if (earlier === undefined) {
        first.set(req.id, req.clauseNumber);
        continue;
      }
      emit(
        diagnostic(
          RULES.duplicateId,
          { clauseId: r.clause.id, ctx: r.ctx, blockId: req.paragraphId },
          `requirement id ${req.id} is already used in ${earlier ? `clause ${earlier}` : 'another clause'}; give this requirement another label`,
          req.label !== undefined ? { type: 'clear-label', title: 'Remove the label and use an automatic id', blockId: req.paragraphId } : undefined
        )
      );
    }
}

/**
 * XRF001: cross-references whose target no longer exists. Only the (few) targets are looked up
 * among the ids, which is cheaper than keeping a tally of every id in the standard.
 */
export function danglingXrefs(results: ClauseResult[], tallies: Tallies, emit: Emit): void {
  const targets = tallies.xrefTargets.counts;
  if (!targets.size) return;
  const found = new Set<string>();
  for (const r of results) for (const id of r.facts.ids) if (targets.has(id)) found.add(id);
  if (found.size === targets.size) return;
  for (const r of results)
    for (const x of r.facts.xrefs) {
      if (found.has(x.target)) continue;
      emit(
        diagnostic(
          RULES.danglingXref,
          { clauseId: r.clause.id, ctx: r.ctx, blockId: x.blockId },
          `cross-reference to "${x.target}", which does not exist (deleted, or pasted from another draft)`
        )
      );
    }
}

/** ABB001: abbreviations used but not listed in clause 4, reported at their first use. */
export function undefinedAbbreviations(results: ClauseResult[], tallies: Tallies, emit: Emit): void {
  const missing = new Set<string>();
  for (const abbr of tallies.abbreviationsUsed.counts.keys()) if (!tallies.abbreviationsDefined.has(abbr)) missing.add(abbr);
  if (!missing.size) return;
  const hasClause4 = tallies.abbreviationClauses > 0;
  for (const r of results) {
    if (!missing.size) break;
    for (const [abbr, use] of r.facts.abbreviationsUsed) {
      if (!missing.delete(abbr)) continue;
      emit(
        diagnostic(
          RULES.undefinedAbbreviation,
          { clauseId: r.clause.id, ctx: r.ctx, blockId: use.blockId, start: use.start, end: use.end },
          `abbreviation "${abbr}" is used but not defined in clause 4${hasClause4 ? '' : ' (the draft has no Abbreviations clause)'}`,
          hasClause4 ? { type: 'add-abbreviation', title: `Add "${abbr}" to clause 4`, abbr } : undefined
        )
      );
    }
  }
}

export interface Glossary {
  /** Changes whenever a term's id or wording does. */
  key: string;
  terms: { id: string; term: string; forms: string[]; pattern: RegExp; definition: string; owner: ClauseResult }[];
  references: { id: string; tag: string; owner: ClauseResult }[];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The standard's terms and normative references. */
export function glossary(results: ClauseResult[]): Glossary {
  const terms: Glossary['terms'] = [];
  const references: Glossary['references'] = [];
  for (const r of results) {
    for (const t of r.facts.terms) {
      const term = t.term.trim().toLowerCase();
      if (!term) continue;
      // "inclusive audio-based network navigation system (IABNNS)" is used as either name.
      const alias = /\(([^()]+)\)\s*$/.exec(term);
      const forms = [...new Set([term, term.replace(/\s*\([^()]*\)\s*$/, ''), alias?.[1]?.trim() ?? ''])].filter(Boolean);
      // Plurals and possessives count as uses: "templates", "gallery's".
      const pattern = new RegExp(`(?<![\\w-])(?:${forms.map(escape).join('|')})(?:s|es|'s)?(?![\\w-])`);
      terms.push({ id: t.id, term, forms, pattern, definition: t.definition, owner: r });
    }
    for (const ref of r.facts.references) references.push({ ...ref, owner: r });
  }
  return { key: terms.map((t) => `${t.id}=${t.term}`).join('\u0000'), terms, references };
}

const NONE: ReadonlySet<string> = new Set();

/** The term ids a clause's text uses. */
export function termsUsedIn(facts: ClauseFacts, g: Glossary): ReadonlySet<string> {
  if (!g.terms.length || !facts.texts.length) return NONE;
  const text = facts.texts.join('\n').toLowerCase();
  let used: Set<string> | undefined;
  for (const t of g.terms) if (t.forms.some((f) => text.includes(f)) && t.pattern.test(text)) (used ??= new Set()).add(t.id);
  return used ?? NONE;
}

/** TRM001: terms used nowhere: not in the text, in another definition, or by cross-reference. */
export function unusedTerms(g: Glossary, tallies: Tallies, emit: Emit): void {
  for (const t of g.terms) {
    if (tallies.termsUsed.has(t.id) || tallies.xrefTargets.has(t.id)) continue;
    if (g.terms.some((o) => o.id !== t.id && t.pattern.test(o.definition))) continue;
    emit(
      diagnostic(
        RULES.unusedTerm,
        { clauseId: t.owner.clause.id, ctx: t.owner.ctx, blockId: t.id },
        `term "${t.term}" is defined but never used; use it or remove the definition`
      )
    );
  }
}

/** REF001: entries of clause 2 that nothing cites, by cross-reference or by "[TAG]". */
export function uncitedReferences(g: Glossary, tallies: Tallies, emit: Emit): void {
  for (const ref of g.references) {
    if (ref.owner.ctx.topRole !== 'references') continue;
    if (tallies.xrefTargets.has(ref.id) || tallies.citedTags.has(ref.tag)) continue;
    emit(
      diagnostic(
        RULES.uncitedReference,
        { clauseId: ref.owner.clause.id, ctx: ref.owner.ctx, blockId: ref.id },
        `normative reference [${ref.tag}] is never cited in the text; cite it where it applies or move it to the Bibliography`
      )
    );
  }
}

const EXEMPT_FROM_COVERAGE = new Set(['scope', 'references', 'definitions', 'abbreviations', 'conventions']);

/**
 * OBL002: a normative technical clause with content, in which neither it nor any sub-clause
 * states a requirement. The fixed clauses 1-5 are exempt, and so is a clause that only holds
 * sub-clauses (an empty clause is STR001's business). `depths` runs parallel to `results`,
 * which are in document (pre-)order, so one backward pass sees each clause's sub-clauses first.
 */
export function clausesWithoutRequirements(results: ClauseResult[], depths: number[], emit: Emit): void {
  const below: boolean[] = [];
  const flagged: ClauseResult[] = [];
  for (let i = results.length - 1; i >= 0; i--) {
    const r = results[i]!;
    const d = depths[i]!;
    const covered = r.requirements.length > 0 || below[d + 1] === true;
    below[d + 1] = false;
    below[d] = below[d] === true || covered;
    if (covered || r.clause.blocks.length === 0) continue;
    if (r.ctx.kind !== 'normative-technical' || EXEMPT_FROM_COVERAGE.has(r.ctx.topRole)) continue;
    flagged.push(r);
  }
  for (let i = flagged.length - 1; i >= 0; i--) {
    const { clause, ctx } = flagged[i]!;
    emit(
      diagnostic(
        RULES.noRequirement,
        { clauseId: clause.id, ctx },
        `${ctx.number ? `clause ${ctx.number}` : 'this clause'} is normative technical but states no requirement; add one or mark the clause informative`,
        { type: 'retag', title: 'Mark the clause informative', clauseId: clause.id, kind: 'informative' }
      )
    );
  }
}

/** REQ003: the pattern itself does not compile. */
export function badPattern(pattern: string, matcher: RegExp | undefined, emit: Emit): void {
  if (!pattern.trim() || matcher) return;
  let why = 'invalid';
  try {
    new RegExp(pattern);
  } catch (e) {
    why = (e as Error).message;
  }
  emit(
    diagnostic(
      RULES.badPattern,
      { clauseId: '', ctx: { number: '' } },
      `the requirement label pattern /${pattern}/ is not a valid regular expression (${why}); labels are ignored until it is fixed`
    )
  );
}
