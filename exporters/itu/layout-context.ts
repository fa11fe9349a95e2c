// What the layout needs to know about a whole standard before rendering any clause: numbers,
// effective kinds, requirement ids by paragraph, and how each cross-reference target reads.

import type { Block, Clause, Inline, Kind, Standard } from '../../clauses/model';
import { numberStandard, type Numbering } from '../../clauses/numbering';
import { effectiveKinds } from '../../clauses/kinds';
import { findRequirements } from '../../clauses/requirements';
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
  /** Block or clause id → how a cross-reference to it reads. */
  targets: Map<string, string>;
}

export function layoutContext(std: Standard, options: ItuOptions): LayoutContext {
  const numbering = numberStandard(std);
  const requirementIds = new Map<string, string>();
  for (const req of findRequirements(std)) requirementIds.set(req.paragraphId, req.id);
  return {
    std,
    options,
    numbering,
    kinds: effectiveKinds(std),
    requirementIds,
    targets: xrefTargets(std, numbering, requirementIds)
  };
}

/** An id usable as an HTML anchor whatever a stored document holds. */
export function anchorOf(id: string): string {
  return `x-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function xrefTargets(
  std: Standard,
  numbering: Numbering,
  requirementIds: Map<string, string>
): Map<string, string> {
  const targets = new Map<string, string>();
  const visitBlocks = (blocks: Block[], clauseText: string) => {
    for (const block of blocks) {
      switch (block.type) {
        case 'paragraph': {
          const req = requirementIds.get(block.id);
          targets.set(block.id, req ? `[${req}]` : clauseText);
          break;
        }
        case 'table':
          targets.set(block.id, `Table ${numbering.table.get(block.id) ?? ''}`.trim());
          break;
        case 'figure':
          targets.set(block.id, `Figure ${numbering.figure.get(block.id) ?? ''}`.trim());
          break;
        case 'note':
          targets.set(block.id, numbering.note.get(block.id) ?? 'NOTE');
          visitBlocks(block.content, clauseText);
          break;
        case 'example':
          targets.set(block.id, clauseText);
          visitBlocks(block.content, clauseText);
          break;
        case 'term':
          targets.set(block.id, block.term);
          break;
        case 'reference':
          targets.set(block.id, `[${block.tag}]`);
          break;
        case 'code':
          targets.set(block.id, clauseText);
          break;
        case 'list':
          for (const item of block.items) visitBlocks(item, clauseText);
          break;
        case 'abbreviation':
          break;
      }
    }
  };
  const visitClause = (clause: Clause) => {
    const heading = numbering.heading.get(clause.id) ?? '';
    const text = /^(Annex|Appendix) /.test(heading)
      ? heading
      : heading
        ? `clause ${heading}`
        : plainTitle(clause.title);
    targets.set(clause.id, text);
    visitBlocks(clause.blocks, text);
    clause.children.forEach(visitClause);
  };
  std.clauses.forEach(visitClause);
  return targets;
}

function plainTitle(title: Inline[]): string {
  return title.map((i) => (i.type === 'text' ? i.text : '')).join('');
}

/** Inline content as layout runs: text made XML-safe, cross-references resolved and linked. */
export function inlineRuns(inlines: Inline[], ctx: LayoutContext): Run[] {
  return inlines.map((inline): Run => {
    if (inline.type === 'break') return { type: 'break' };
    if (inline.type === 'xref') {
      const text = ctx.targets.get(inline.target);
      return text === undefined
        ? { type: 'text', text: xmlSafe(`[unresolved reference: ${inline.target}]`) }
        : { type: 'text', text: xmlSafe(text), href: `#${anchorOf(inline.target)}` };
    }
    const marks = inline.marks ?? [];
    return {
      type: 'text',
      text: xmlSafe(inline.text),
      ...(marks.includes('bold') ? { bold: true } : {}),
      ...(marks.includes('italic') ? { italic: true } : {}),
      ...(marks.includes('code') ? { code: true } : {})
    };
  });
}

/** Whether inline content has any visible text (skeleton placeholders are empty paragraphs). */
export function hasText(inlines: Inline[]): boolean {
  return inlines.some((i) => i.type === 'xref' || (i.type === 'text' && i.text.trim() !== ''));
}
