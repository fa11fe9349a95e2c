// How a comment-resolution table names a place in the draft, with the numbers the exports print:
// the clause ("7.2 Detection thresholds", "Annex A Test data", "Summary") and, inside it, the
// paragraph, note, table or figure ("Para. 3", "NOTE 2", "Table A.1", "Figure 4").
//
// Paragraphs are not numbered in print, so "Para. N" counts what a reader counts: the clause's
// own paragraphs that print anything (list items included, marked as such), in document order;
// paragraphs inside a note or an example take that note's or example's label. Examples and code
// blocks are unnumbered too: "EXAMPLE" when the clause has one, "EXAMPLE 2" for the second of several.

import type { Block, Clause, Standard } from '../../clauses/model';
import { numberStandard, type Numbering } from '../../clauses/numbering';
import { inlineText } from '../../clauses/text';
import { xrefTargets, xrefText } from '../../clauses/xrefs';

export interface Places {
  /** Clause id → its number and title as printed, or its title alone when unnumbered. */
  clauses: Map<string, string>;
  /** Clause id → position in document order, for sorting. */
  order: Map<string, number>;
  /** Block id → its label within its clause, with the clause it belongs to. */
  blocks: Map<string, { clauseId: string; label: string }>;
}

export function places(std: Standard): Places {
  const numbering = numberStandard(std);
  const xref = xrefText(xrefTargets(std, numbering));
  const out: Places = { clauses: new Map(), order: new Map(), blocks: new Map() };
  const walk = (clause: Clause): void => {
    const title = inlineText(clause.title, xref).replace(/\s+/g, ' ').trim();
    const heading = numbering.heading.get(clause.id) ?? '';
    out.clauses.set(clause.id, [heading, title].filter(Boolean).join(' ') || '(untitled clause)');
    out.order.set(clause.id, out.order.size);
    labelBlocks(clause, numbering, out.blocks);
    clause.children.forEach(walk);
  };
  std.clauses.forEach(walk);
  return out;
}

function labelBlocks(clause: Clause, numbering: Numbering, out: Places['blocks']): void {
  const examples: { id: string; content: Block[] }[] = [];
  const codes: { id: string; content: Block[] }[] = [];
  let paragraphs = 0;
  const set = (id: string, label: string) => {
    // The first holder of a duplicated id wins, as cross-references resolve it.
    if (id && !out.has(id)) out.set(id, { clauseId: clause.id, label });
  };
  const setAll = (blocks: Block[], label: string) => {
    for (const block of blocks) if ('id' in block) set(block.id, label);
  };
  const walk = (blocks: Block[], inList: boolean): void => {
    for (const block of blocks) {
      switch (block.type) {
        case 'paragraph': {
          const printed = inlineText(block.content).trim() !== '';
          if (printed) paragraphs += 1;
          const label = printed ? `Para. ${paragraphs}` : 'Empty paragraph';
          set(block.id, inList && printed ? `${label} (list item)` : label);
          break;
        }
        case 'list':
          for (const item of block.items) walk(item, true);
          break;
        case 'note': {
          const label = numbering.note.get(block.id) ?? 'NOTE';
          set(block.id, label);
          setAll(block.content, label);
          break;
        }
        case 'example':
          examples.push({ id: block.id, content: block.content });
          break;
        case 'code':
          codes.push({ id: block.id, content: [] });
          break;
        case 'table':
          set(block.id, `Table ${numbering.table.get(block.id) ?? ''}`.trim());
          break;
        case 'figure':
          set(block.id, `Figure ${numbering.figure.get(block.id) ?? ''}`.trim());
          break;
        case 'term':
          set(block.id, [numbering.term.get(block.id), block.term].filter(Boolean).join(' '));
          break;
        case 'reference':
          set(block.id, `[${block.tag}]`);
          break;
        case 'abbreviation':
          break;
      }
    }
  };
  walk(clause.blocks, false);
  const counted = (blocks: { id: string; content: Block[] }[], name: string) =>
    blocks.forEach(({ id, content }, i) => {
      const label = blocks.length === 1 ? name : `${name} ${i + 1}`;
      set(id, label);
      setAll(content, label);
    });
  counted(examples, 'EXAMPLE');
  counted(codes, 'Code');
}
