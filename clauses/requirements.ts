// Requirements: the paragraphs that state an obligation, each with a stable identity.
// A requirement is a paragraph (in the body, a list item or a table cell) of a clause that may
// hold normative content; its level and keyword come from its first obligation. Its id is the
// editor's label when that label fits the standard's pattern, else "R-<clause>-<n>" with n the
// ordinal of the requirement in its clause (labelled ones count, so setting a label never
// renumbers the others). Its uuid is a name-based hash of the standard id and paragraph id, so
// it survives edits, moves and renumbering.

import { uuidV5 } from './uuid';
import type { Block, Check, Clause, ClauseRole, Convention, Inline, Kind, ObligationLevel, Standard } from './model';
import { detectObligations, type Obligation } from './obligations';
import { inlineText } from './text';
import { numberStandard } from './numbering';
import { canHoldNormative, effectiveKinds } from './kinds';

export interface Requirement {
  uuid: string;
  id: string;
  clauseId: string;
  clauseNumber: string;
  paragraphId: string;
  text: string;
  level: ObligationLevel;
  keyword: string;
  kind: Kind;
  checks: Check[];
  /** The editor's label as written, even when it does not fit the pattern. */
  label?: string;
}

/** Where a paragraph sits inside its clause: body text, or inside an informative box. */
export type ParagraphPlace = 'body' | 'list' | 'table' | 'note' | 'example';

export interface ParagraphUnit {
  /** The paragraph id; for a table cell "<table id>:r<row>c<col>", as cells carry no id. */
  id: string;
  place: ParagraphPlace;
  content: Inline[];
  /** Plain text as shown (cross-references as "[target]"). */
  text: string;
  /** The same text with inline code blanked out, so a keyword quoted as code is not read. */
  prose: string;
  label?: string;
  checks?: Check[];
}

function proseOf(content: Inline[]): string {
  let out = '';
  for (const inline of content) {
    if (inline.type === 'text') out += inline.marks?.includes('code') ? ' '.repeat(inline.text.length) : inline.text;
    else out += inlineText([inline]);
  }
  return out;
}

function hasCode(content: Inline[]): boolean {
  return content.some((i) => i.type === 'text' && i.marks?.includes('code'));
}

function unit(id: string, place: ParagraphPlace, content: Inline[], attrs?: { label?: string; checks?: Check[] }): ParagraphUnit {
  const text = inlineText(content);
  const u: ParagraphUnit = { id, place, content, text, prose: hasCode(content) ? proseOf(content) : text };
  if (attrs?.label) u.label = attrs.label;
  if (attrs?.checks?.length) u.checks = attrs.checks;
  return u;
}

function collectUnits(blocks: Block[], place: ParagraphPlace | undefined, out: ParagraphUnit[]): void {
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
        out.push(unit(block.id, place ?? 'body', block.content, block.requirement));
        break;
      case 'list':
        for (const item of block.items) collectUnits(item, place ?? 'list', out);
        break;
      case 'note':
      case 'example':
        collectUnits(block.content, block.type, out);
        break;
      case 'table':
        block.rows.forEach((row, r) =>
          row.forEach((cell, c) => {
            if (cell.length) out.push(unit(`${block.id}:r${r}c${c}`, place ?? 'table', cell));
          })
        );
        break;
      default:
        // Terms, abbreviations, references, figures and code define or show; they state nothing.
        break;
    }
  }
}

/** The paragraphs of a clause's own body (not its sub-clauses), in reading order. */
export function paragraphUnits(clause: Clause): ParagraphUnit[] {
  const out: ParagraphUnit[] = [];
  collectUnits(clause.blocks, undefined, out);
  return out;
}

// A fixed namespace of our own for requirement UUIDs (random, generated once).
const UUID_NAMESPACE = '3f1d6c2e-8a4b-4e59-9c7d-2b5e8f0a6d13';

/** A version 5 UUID that depends only on the standard id and the paragraph id. */
export function requirementUuid(standardId: string, paragraphId: string): string {
  return uuidV5(UUID_NAMESPACE, `${standardId}/${paragraphId}`);
}

/** The label pattern as a whole-string matcher; undefined when no pattern is set. */
export function labelMatcher(pattern: string): RegExp | undefined {
  if (!pattern.trim()) return undefined;
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
}

export function autoRequirementId(clauseNumber: string, clauseId: string, n: number): string {
  return `R-${clauseNumber || clauseId}-${n}`;
}

/** Everything the requirement and diagnostic passes need to know about a clause's place. */
export interface ClauseContext {
  number: string;
  kind: Kind;
  /** The role of the top-level clause this one sits under (its own role at the top). */
  topRole: ClauseRole;
  convention: Convention;
  standardId: string;
  /** The label pattern source, and its compiled matcher (undefined: any label or no pattern). */
  pattern: string;
  matcher: RegExp | undefined;
}

/** Whether a clause in this context may hold normative statements at all. */
export function holdsNormative(ctx: ClauseContext): boolean {
  return canHoldNormative(ctx.kind, ctx.topRole);
}

/** Where obligations are not looked for: the Conventions clause defines the keywords. */
export function skipsDetection(ctx: ClauseContext): boolean {
  return ctx.topRole === 'conventions';
}

export interface DetectedParagraph {
  unit: ParagraphUnit;
  obligations: Obligation[];
}

/** The paragraphs (of one clause) that state at least one obligation, with what they state. */
export function detectParagraphs(units: ParagraphUnit[], ctx: ClauseContext): DetectedParagraph[] {
  if (skipsDetection(ctx)) return [];
  const out: DetectedParagraph[] = [];
  for (const u of units) {
    const obligations = detectObligations(u.prose, ctx.convention);
    if (obligations.length) out.push({ unit: u, obligations });
  }
  return out;
}

/** Whether a paragraph's place lets it state a requirement (notes and examples never do). */
export function isNormativePlace(place: ParagraphPlace): boolean {
  return place !== 'note' && place !== 'example';
}

/** The requirements a clause states, given its detected paragraphs. */
export function clauseRequirements(clause: Clause, ctx: ClauseContext, detected: DetectedParagraph[]): Requirement[] {
  if (!holdsNormative(ctx)) return [];
  const out: Requirement[] = [];
  for (const { unit: u, obligations } of detected) {
    if (!isNormativePlace(u.place)) continue;
    const first = obligations[0]!;
    const n = out.length + 1;
    const labelFits = u.label !== undefined && (ctx.matcher ? ctx.matcher.test(u.label) : ctx.pattern.trim() === '');
    const req: Requirement = {
      uuid: requirementUuid(ctx.standardId, u.id),
      id: labelFits ? u.label! : autoRequirementId(ctx.number, clause.id, n),
      clauseId: clause.id,
      clauseNumber: ctx.number,
      paragraphId: u.id,
      text: u.text,
      level: first.level,
      keyword: first.keyword,
      kind: ctx.kind,
      checks: u.checks ?? []
    };
    if (u.label !== undefined) req.label = u.label;
    out.push(req);
  }
  return out;
}

/** Every clause with its context, in document order, from the numbering and kinds passes. */
export function clauseContexts(
  std: Standard,
  number: (id: string) => string,
  kind: (id: string) => Kind
): { clause: Clause; ctx: ClauseContext }[] {
  const out: { clause: Clause; ctx: ClauseContext }[] = [];
  const matcher = labelMatcher(std.meta.requirementPattern);
  const walk = (clauses: Clause[], topRole: ClauseRole | undefined) => {
    for (const clause of clauses) {
      const top = topRole ?? clause.role;
      out.push({
        clause,
        ctx: {
          number: number(clause.id),
          kind: kind(clause.id),
          topRole: top,
          convention: std.meta.convention,
          standardId: std.meta.id,
          pattern: std.meta.requirementPattern,
          matcher
        }
      });
      walk(clause.children, top);
    }
  };
  walk(std.clauses, undefined);
  return out;
}

/** All requirements of a standard, in document order. */
export function findRequirements(std: Standard): Requirement[] {
  const numbering = numberStandard(std);
  const kinds = effectiveKinds(std);
  const out: Requirement[] = [];
  for (const { clause, ctx } of clauseContexts(
    std,
    (id) => numbering.clause.get(id) ?? '',
    (id) => kinds.get(id) ?? 'normative-technical'
  )) {
    out.push(...clauseRequirements(clause, ctx, detectParagraphs(paragraphUnits(clause), ctx)));
  }
  return out;
}
