// Keyword placement and convention rules (OBL001, OBL003, OBL004, OBL005).

import type { Clause } from '../model';
import { findAmbiguousModals, translateKeyword } from '../obligations';
import {
  holdsNormative,
  isNormativePlace,
  type ClauseContext,
  type DetectedParagraph,
  type ParagraphUnit
} from '../requirements';
import { diagnostic } from './make';
import { RULES } from './rules';
import type { Diagnostic } from './types';

const ROLE_NAMES: Record<string, string> = {
  summary: 'the Summary',
  keywords: 'the Keywords',
  introduction: 'the Introduction',
  appendix: 'an appendix',
  bibliography: 'the Bibliography'
};

function informativePlace(clause: Clause, ctx: ClauseContext, unit: ParagraphUnit): string | undefined {
  if (unit.place === 'note') return 'a note';
  if (unit.place === 'example') return 'an example';
  if (!holdsNormative(ctx)) return ROLE_NAMES[ctx.topRole] ?? 'an informative clause';
  return undefined;
}

/** OBL001: obligations where nothing normative may stand. */
export function misplacedKeywords(clause: Clause, ctx: ClauseContext, detected: DetectedParagraph[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { unit, obligations } of detected) {
    const place = informativePlace(clause, ctx, unit);
    if (!place) continue;
    // Lower-case modals in informative material carry no normative intent (ITU-T J.1108).
    const o = obligations.find((x) => !x.weak);
    if (!o) continue;
    // Retagging is the obvious fix only for a body clause an editor marked informative.
    const fix =
      unit.place === 'body' && clause.kind === 'informative' && ctx.topRole === 'body'
        ? { type: 'retag' as const, title: 'Mark the clause normative technical', clauseId: clause.id, kind: 'normative-technical' as const }
        : undefined;
    out.push(
      diagnostic(
        RULES.informativeKeyword,
        { clauseId: clause.id, ctx, blockId: unit.id, start: o.start, end: o.end },
        `requirement keyword "${o.matched}" in ${place}, which cannot hold normative content; rephrase it or move the requirement to a normative clause`,
        fix
      )
    );
  }
  return out;
}

/** OBL003: keywords of the other convention. */
export function mixedConventions(clause: Clause, ctx: ClauseContext, detected: DetectedParagraph[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const own = ctx.convention === 'itu-t' ? 'ITU-T' : 'RFC 2119';
  for (const { unit, obligations } of detected) {
    for (const o of obligations) {
      if (!o.foreign) continue;
      const swap = translateKeyword(o);
      // Offsets are into the prose text, which has the same length as the shown text.
      const fix = swap
        ? { type: 'replace-text' as const, title: `Replace with "${swap}"`, blockId: unit.id, start: o.start, end: o.end, text: swap }
        : undefined;
      out.push(
        diagnostic(
          RULES.mixedConventions,
          { clauseId: clause.id, ctx, blockId: unit.id, start: o.start, end: o.end },
          `"${o.matched}" is ${o.convention === 'rfc2119' ? 'an RFC 2119 keyword' : 'ITU-T phrasing'} but this draft follows the ${own} convention`,
          fix
        )
      );
    }
  }
  return out;
}

/** OBL004: lower-case modals in normative text of an RFC 2119 draft. */
export function ambiguousModals(clause: Clause, ctx: ClauseContext, units: ParagraphUnit[]): Diagnostic[] {
  if (ctx.convention !== 'rfc2119' || !holdsNormative(ctx) || ctx.topRole === 'conventions') return [];
  const out: Diagnostic[] = [];
  for (const unit of units) {
    if (!isNormativePlace(unit.place)) continue;
    for (const w of findAmbiguousModals(unit.prose)) {
      const upper = w.word.toUpperCase();
      out.push(
        diagnostic(
          RULES.lowerCaseModal,
          { clauseId: clause.id, ctx, blockId: unit.id, start: w.start, end: w.end },
          `lower-case "${w.word}" is ambiguous in an RFC 2119 draft (RFC 8174): write "${upper}" if it states a requirement, or rephrase`,
          { type: 'replace-text', title: `Make it "${upper}"`, blockId: unit.id, start: w.start, end: w.end, text: upper }
        )
      );
    }
  }
  return out;
}

/** OBL005: several obligations in one requirement paragraph. */
export function severalObligations(clause: Clause, ctx: ClauseContext, detected: DetectedParagraph[]): Diagnostic[] {
  if (!holdsNormative(ctx)) return [];
  const out: Diagnostic[] = [];
  for (const { unit, obligations } of detected) {
    if (obligations.length < 2 || !isNormativePlace(unit.place)) continue;
    const second = obligations[1]!;
    out.push(
      diagnostic(
        RULES.severalObligations,
        { clauseId: clause.id, ctx, blockId: unit.id, start: second.start, end: second.end },
        `this paragraph states ${obligations.length} obligations (${obligations.map((o) => `"${o.matched}"`).join(', ')}); split it so each requirement gets its own id`
      )
    );
  }
  return out;
}

/** OBL006: lower-case modals read as obligations in normative text of an ITU-T draft. */
export function lowerCaseKeywords(clause: Clause, ctx: ClauseContext, detected: DetectedParagraph[]): Diagnostic[] {
  if (!holdsNormative(ctx)) return [];
  const out: Diagnostic[] = [];
  for (const { unit, obligations } of detected) {
    if (!isNormativePlace(unit.place)) continue;
    for (const o of obligations) {
      if (!o.weak) continue;
      const swap = translateKeyword(o);
      out.push(
        diagnostic(
          RULES.lowerCaseKeyword,
          { clauseId: clause.id, ctx, blockId: unit.id, start: o.start, end: o.end },
          `lower-case "${o.matched}" is read as a requirement (${o.level}); ITU-T phrasing${swap ? ` ("${swap}")` : ''} says so unambiguously`,
          swap ? { type: 'replace-text', title: `Replace with "${swap}"`, blockId: unit.id, start: o.start, end: o.end, text: swap } : undefined
        )
      );
    }
  }
  return out;
}
