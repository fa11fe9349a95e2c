// Plain text of the model's content, for detection, diagnostics, search and text exports.
// Formatting is dropped; a cross-reference becomes its resolved display text when a resolver is
// given (exporters know the numbering), otherwise "[target]" as the editor's renderText does.

import type { Block, Inline } from './model';

export type XrefText = (target: string) => string;

const bracketed: XrefText = (target) => `[${target}]`;

/** Plain text of inline content; hard breaks become "\n". */
export function inlineText(inlines: Inline[], xref: XrefText = bracketed): string {
  let out = '';
  for (const inline of inlines) {
    if (inline.type === 'text') out += inline.text;
    else if (inline.type === 'xref') out += xref(inline.target);
    else out += '\n';
  }
  return out;
}

/** Plain text of a block; nested blocks and table cells are separated by newlines and tabs. */
export function blockText(block: Block, xref: XrefText = bracketed): string {
  switch (block.type) {
    case 'paragraph':
      return inlineText(block.content, xref);
    case 'list':
      return block.items.map((item) => blocksText(item, xref)).join('\n');
    case 'note':
    case 'example':
      return blocksText(block.content, xref);
    case 'table':
      return [
        inlineText(block.caption, xref),
        ...block.rows.map((row) => row.map((cell) => inlineText(cell, xref)).join('\t'))
      ].join('\n');
    case 'figure':
      return inlineText(block.caption, xref);
    case 'code':
      return block.text;
    case 'term':
      return `${block.term}: ${inlineText(block.definition, xref)}`;
    case 'abbreviation':
      return `${block.abbr}\t${block.expansion}`;
    case 'reference':
      return `[${block.tag}]\t${inlineText(block.content, xref)}`;
  }
}

/** Plain text of a sequence of blocks, one per line. */
export function blocksText(blocks: Block[], xref: XrefText = bracketed): string {
  return blocks.map((b) => blockText(b, xref)).join('\n');
}
