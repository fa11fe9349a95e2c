// Cross-references: what a target id points at and how it reads with the current numbering
// ("clause 7.2", "Annex A", "Table A.1", "[FRS-REQ-07]"), and which references point nowhere.
// Display text is recomputed from the tree on every call, so it follows renumbering live.

import type { Block, Clause, Inline, Standard } from './model';
import { numberStandard, type Numbering } from './numbering';
import { findRequirements, type Requirement } from './requirements';
import { inlineText } from './text';

export type XrefTargetType =
  | 'clause'
  | 'requirement'
  | 'paragraph'
  | 'term'
  | 'table'
  | 'figure'
  | 'note'
  | 'example'
  | 'code'
  | 'reference';

export interface XrefTarget {
  id: string;
  type: XrefTargetType;
  /** The clause the target is or sits in. */
  clauseId: string;
  /** What a reader sees in place of the cross-reference. */
  display: string;
}

export interface XrefUse {
  target: string;
  /** The clause and the block holding the cross-reference. */
  clauseId: string;
  blockId?: string;
}

export interface DanglingXref extends XrefUse {
  message: string;
}

/** How a clause is referred to: "clause 7.2", "Annex A", "Appendix II", or its title. */
export function clauseDisplay(clause: Clause, numbering: Numbering): string {
  const heading = numbering.heading.get(clause.id) ?? '';
  if (heading.startsWith('Annex ') || heading.startsWith('Appendix ')) return heading;
  if (heading) return `clause ${heading}`;
  return inlineText(clause.title) || 'an unnumbered clause';
}

/** Every id a cross-reference may point at, with its display text. */
export function xrefTargets(
  std: Standard,
  numbering: Numbering = numberStandard(std),
  requirements: Requirement[] = findRequirements(std)
): Map<string, XrefTarget> {
  const byParagraph = new Map(requirements.map((r) => [r.paragraphId, r]));
  const out = new Map<string, XrefTarget>();
  const add = (id: string, type: XrefTargetType, clauseId: string, display: string): void => {
    // The first holder of a duplicated id wins, as the editor's scroll-to would find it first.
    if (id && !out.has(id)) out.set(id, { id, type, clauseId, display });
  };
  const walkBlocks = (blocks: Block[], clause: Clause, where: string): void => {
    for (const b of blocks) {
      switch (b.type) {
        case 'paragraph': {
          const req = byParagraph.get(b.id);
          if (req) add(b.id, 'requirement', clause.id, `[${req.id}]`);
          else add(b.id, 'paragraph', clause.id, where);
          break;
        }
        case 'list':
          for (const item of b.items) walkBlocks(item, clause, where);
          break;
        case 'note':
          add(b.id, 'note', clause.id, `${numbering.note.get(b.id) ?? 'NOTE'} in ${where}`);
          walkBlocks(b.content, clause, where);
          break;
        case 'example':
          add(b.id, 'example', clause.id, `the example in ${where}`);
          walkBlocks(b.content, clause, where);
          break;
        case 'table':
          add(b.id, 'table', clause.id, `Table ${numbering.table.get(b.id) ?? '?'}`);
          break;
        case 'figure':
          add(b.id, 'figure', clause.id, `Figure ${numbering.figure.get(b.id) ?? '?'}`);
          break;
        case 'code':
          add(b.id, 'code', clause.id, where);
          break;
        case 'term':
          // Prose names the term itself; its number is in the definitions clause.
          add(b.id, 'term', clause.id, b.term);
          break;
        case 'reference':
          add(b.id, 'reference', clause.id, `[${b.tag}]`);
          break;
        case 'abbreviation':
          break;
      }
    }
  };
  const walk = (clause: Clause): void => {
    const where = clauseDisplay(clause, numbering);
    add(clause.id, 'clause', clause.id, where);
    walkBlocks(clause.blocks, clause, where);
    clause.children.forEach(walk);
  };
  std.clauses.forEach(walk);
  return out;
}

/** A resolver for text.ts: the display text of a target, or a visible marker when it dangles. */
export function xrefText(targets: Map<string, XrefTarget>): (target: string) => string {
  return (target) => targets.get(target)?.display ?? `[missing: ${target}]`;
}

/** Every cross-reference in the standard, in document order. */
export function xrefUses(std: Standard): XrefUse[] {
  const out: XrefUse[] = [];
  const fromInlines = (inlines: Inline[], clauseId: string, blockId?: string): void => {
    for (const i of inlines) {
      if (i.type === 'xref') out.push(blockId ? { target: i.target, clauseId, blockId } : { target: i.target, clauseId });
    }
  };
  const fromBlocks = (blocks: Block[], clauseId: string): void => {
    for (const b of blocks) {
      switch (b.type) {
        case 'paragraph':
          fromInlines(b.content, clauseId, b.id);
          break;
        case 'list':
          for (const item of b.items) fromBlocks(item, clauseId);
          break;
        case 'note':
        case 'example':
          fromBlocks(b.content, clauseId);
          break;
        case 'table':
          fromInlines(b.caption, clauseId, b.id);
          for (const row of b.rows) for (const cell of row) fromInlines(cell, clauseId, b.id);
          break;
        case 'figure':
          fromInlines(b.caption, clauseId, b.id);
          break;
        case 'term':
          fromInlines(b.definition, clauseId, b.id);
          break;
        case 'reference':
          fromInlines(b.content, clauseId, b.id);
          break;
        case 'code':
        case 'abbreviation':
          break;
      }
    }
  };
  const walk = (clause: Clause): void => {
    fromInlines(clause.title, clause.id);
    fromBlocks(clause.blocks, clause.id);
    clause.children.forEach(walk);
  };
  std.clauses.forEach(walk);
  return out;
}

/** Cross-references whose target is empty or no longer exists. */
export function danglingXrefs(std: Standard, targets: Map<string, XrefTarget> = xrefTargets(std)): DanglingXref[] {
  return xrefUses(std)
    .filter((use) => !targets.has(use.target))
    .map((use) => ({
      ...use,
      message: use.target
        ? `cross-reference to "${use.target}" points at nothing: the clause, requirement, term, table or figure was deleted`
        : 'cross-reference without a target'
    }));
}
