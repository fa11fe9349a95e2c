// What the layout needs to know about a whole standard before rendering any clause: numbers,
// effective kinds, requirement ids by paragraph, and how each cross-reference target reads.

import type { Inline, Kind, Standard } from '../../clauses/model';
import { numberStandard, type Numbering } from '../../clauses/numbering';
import { effectiveKinds } from '../../clauses/kinds';
import { findRequirements } from '../../clauses/requirements';
import { xrefTargets, xrefText } from '../../clauses/xrefs';
import type { Run } from './layout';
import { xmlSafe } from './text-safety';
import type { ItuOptions } from './options';

export interface LayoutContext {
  std: Standard;
  options: ItuOptions;
  numbering: Numbering;
  kinds: Map<string, Kind>;
  /** Paragraph id → the requirement id printed with it. */
  requirementIds: Map<string, string>;
  /** How a cross-reference to a target id reads ("clause 6.2", "Table A.1", "[FRS-REQ-07]"). */
  xref: (target: string) => string;
  /** Target ids that exist, so only those are linked. */
  known: Set<string>;
}

export function layoutContext(std: Standard, options: ItuOptions): LayoutContext {
  const numbering = numberStandard(std);
  const requirements = findRequirements(std);
  const requirementIds = new Map(requirements.map((r) => [r.paragraphId, r.id]));
  const targets = xrefTargets(std, numbering, requirements);
  return {
    std,
    options,
    numbering,
    kinds: effectiveKinds(std),
    requirementIds,
    xref: xrefText(targets),
    known: new Set(targets.keys())
  };
}

/** An id usable as an HTML anchor whatever a stored document holds. */
export function anchorOf(id: string): string {
  return `x-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** Inline content as layout runs: text made XML-safe, cross-references resolved and linked. */
export function inlineRuns(inlines: Inline[], ctx: LayoutContext): Run[] {
  return inlines.flatMap((inline): Run | Run[] => {
    if (inline.type === 'break') return { type: 'break' };
    if (inline.type === 'xref') {
      const text = xmlSafe(ctx.xref(inline.target));
      return ctx.known.has(inline.target)
        ? { type: 'text', text, href: `#${anchorOf(inline.target)}` }
        : { type: 'text', text };
    }
    return textRuns(inline.text, inline.marks ?? []);
  });
}

/** Tabs and line breaks inside text become tab and break runs, the same in both writers. */
function textRuns(value: string, marks: string[]): Run[] {
  const format = {
    ...(marks.includes('bold') ? { bold: true } : {}),
    ...(marks.includes('italic') ? { italic: true } : {}),
    ...(marks.includes('code') ? { code: true } : {})
  };
  return xmlSafe(value)
    .split(/(\r\n|\r|\n|\t)/)
    .filter((part) => part !== '')
    .map((part): Run =>
      part === '\t'
        ? { type: 'tab' }
        : /^[\r\n]+$/.test(part)
          ? { type: 'break' }
          : { type: 'text', text: part, ...format }
    );
}

/** Whether inline content has any visible text (skeleton placeholders are empty paragraphs). */
export function hasText(inlines: Inline[]): boolean {
  return inlines.some((i) => i.type === 'xref' || (i.type === 'text' && i.text.trim() !== ''));
}
