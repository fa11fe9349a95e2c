// Rules that need the whole standard: duplicate ids, dangling cross-references, glossary
// (abbreviations, terms, references) and normative clauses without requirements. Each reads the
// per-clause facts, so a keystroke re-runs only small joins.

import type { Clause } from '../model';
import type { ClauseContext, Requirement } from '../requirements';
import type { ClauseFacts } from './facts';
import { diagnostic } from './make';
import { RULES } from './rules';
import type { Diagnostic } from './types';

export interface ClauseEntry {
  clause: Clause;
  ctx: ClauseContext;
  facts: ClauseFacts;
  requirements: Requirement[];
  /** Term ids this clause's text uses (computed against the current term list). */
  termsUsed: Set<string>;
}

type Emit = (d: Diagnostic) => void;

/** REQ001: two requirements with one id. Every occurrence after the first is reported. */
export function duplicateIds(entries: ClauseEntry[], emit: Emit): void {
  const first = new Map<string, Requirement>();
  for (const e of entries)
    for (const req of e.requirements) {
      const earlier = first.get(req.id);
      if (!earlier) {
        first.set(req.id, req);
        continue;
      }
      const where = earlier.clauseNumber ? `clause ${earlier.clauseNumber}` : 'another clause';
      emit(
        diagnostic(
          RULES.duplicateId,
          { clauseId: e.clause.id, ctx: e.ctx, blockId: req.paragraphId },
          `requirement id ${req.id} is already used in ${where}; give this requirement another label`,
          req.label !== undefined ? { type: 'clear-label', title: 'Remove the label and use an automatic id', blockId: req.paragraphId } : undefined
        )
      );
    }
}

/** XRF001: cross-references whose target no longer exists. */
export function danglingXrefs(entries: ClauseEntry[], emit: Emit): void {
  const ids = new Set<string>();
  for (const e of entries) for (const id of e.facts.ids) ids.add(id);
  for (const e of entries)
    for (const x of e.facts.xrefs) {
      if (ids.has(x.target)) continue;
      emit(
        diagnostic(
          RULES.danglingXref,
          { clauseId: e.clause.id, ctx: e.ctx, blockId: x.blockId },
          `cross-reference to "${x.target}", which does not exist (deleted, or pasted from another draft)`
        )
      );
    }
}

/** ABB001: abbreviations used but not listed in clause 4. */
export function undefinedAbbreviations(entries: ClauseEntry[], emit: Emit): void {
  const defined = new Set<string>();
  let hasClause4 = false;
  for (const e of entries) {
    if (e.ctx.topRole === 'abbreviations') hasClause4 = true;
    for (const a of e.facts.abbreviationsDefined) defined.add(a);
  }
  const reported = new Set<string>();
  for (const e of entries) {
    if (e.ctx.topRole === 'abbreviations') continue;
    for (const [abbr, use] of e.facts.abbreviationsUsed) {
      if (defined.has(abbr) || reported.has(abbr)) continue;
      reported.add(abbr);
      emit(
        diagnostic(
          RULES.undefinedAbbreviation,
          { clauseId: e.clause.id, ctx: e.ctx, blockId: use.blockId, start: use.start, end: use.end },
          `abbreviation "${abbr}" is used but not defined in clause 4${hasClause4 ? '' : ' (the draft has no Abbreviations clause)'}`,
          hasClause4 ? { type: 'add-abbreviation', title: `Add "${abbr}" to clause 4`, abbr } : undefined
        )
      );
    }
  }
}

export interface TermIndex {
  key: string;
  terms: { id: string; term: string; pattern: RegExp; definition: string }[];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The standard's terms, and a key that changes when any of them does. */
export function termIndex(entries: ClauseEntry[]): TermIndex {
  const terms: TermIndex['terms'] = [];
  for (const e of entries)
    for (const t of e.facts.terms) {
      const term = t.term.trim().toLowerCase();
      if (!term) continue;
      // Plurals and possessives count as uses: "templates", "gallery's".
      terms.push({ id: t.id, term, pattern: new RegExp(`(?<![\\w-])${escape(term)}(?:s|es|'s)?(?![\\w-])`), definition: t.definition });
    }
  return { key: terms.map((t) => `${t.id}=${t.term}`).join('\u0000'), terms };
}

/** The term ids a clause's text uses. */
export function termsUsedIn(facts: ClauseFacts, index: TermIndex): Set<string> {
  const used = new Set<string>();
  for (const t of index.terms) if (facts.text.includes(t.term) && t.pattern.test(facts.text)) used.add(t.id);
  return used;
}

/** TRM001: terms defined but used nowhere: not in the text, another definition, or an xref. */
export function unusedTerms(entries: ClauseEntry[], index: TermIndex, emit: Emit): void {
  if (!index.terms.length) return;
  const used = new Set<string>();
  for (const e of entries) {
    for (const id of e.termsUsed) used.add(id);
    for (const x of e.facts.xrefs) used.add(x.target);
  }
  for (const t of index.terms) {
    if (used.has(t.id)) continue;
    if (index.terms.some((o) => o.id !== t.id && o.definition.includes(t.term) && t.pattern.test(o.definition))) continue;
    const owner = entries.find((e) => e.facts.terms.some((x) => x.id === t.id))!;
    emit(
      diagnostic(
        RULES.unusedTerm,
        { clauseId: owner.clause.id, ctx: owner.ctx, blockId: t.id },
        `term "${t.term}" is defined but never used; use it or remove the definition`
      )
    );
  }
}

/** REF001: entries of clause 2 that nothing cites, by cross-reference or by "[TAG]". */
export function uncitedReferences(entries: ClauseEntry[], emit: Emit): void {
  const refs = entries.filter((e) => e.facts.references.length);
  if (!refs.length) return;
  const targets = new Set<string>();
  const tags = new Set<string>();
  for (const e of entries) {
    for (const x of e.facts.xrefs) targets.add(x.target);
    // The References clause lists the tags; citing happens everywhere else.
    if (e.ctx.topRole !== 'references') for (const t of e.facts.citedTags) tags.add(t);
  }
  for (const e of refs)
    for (const r of e.facts.references) {
      if (targets.has(r.id) || tags.has(r.tag)) continue;
      emit(
        diagnostic(
          RULES.uncitedReference,
          { clauseId: e.clause.id, ctx: e.ctx, blockId: r.id },
          `normative reference [${r.tag}] is never cited in the text; cite it where it applies or move it to the Bibliography`
        )
      );
    }
}

const EXEMPT_FROM_COVERAGE = new Set(['scope', 'references', 'definitions', 'abbreviations', 'conventions']);

/**
 * OBL002: a normative technical clause with content, in which neither it nor any sub-clause
 * states a requirement. The fixed clauses 1-5 are exempt, and so is a clause that only holds
 * sub-clauses (an empty clause is STR001's business).
 */
export function clausesWithoutRequirements(entries: ClauseEntry[], emit: Emit): void {
  const byId = new Map(entries.map((e) => [e.clause.id, e]));
  const covered = new Map<string, boolean>();
  const visit = (clause: Clause): boolean => {
    const e = byId.get(clause.id);
    let any = !!e && e.requirements.length > 0;
    for (const child of clause.children) any = visit(child) || any;
    covered.set(clause.id, any);
    return any;
  };
  for (const e of entries) if (!covered.has(e.clause.id)) visit(e.clause);
  for (const e of entries) {
    const { clause, ctx } = e;
    if (ctx.kind !== 'normative-technical' || EXEMPT_FROM_COVERAGE.has(ctx.topRole)) continue;
    if (covered.get(clause.id) || clause.blocks.length === 0) continue;
    const label = ctx.number ? `clause ${ctx.number}` : 'this clause';
    emit(
      diagnostic(
        RULES.noRequirement,
        { clauseId: clause.id, ctx },
        `${label} is normative technical but states no requirement; add one or mark the clause informative`,
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
