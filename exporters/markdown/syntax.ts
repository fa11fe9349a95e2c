// The one Markdown dialect read and written: CommonMark + GFM, through unified.

import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import type { Root } from 'mdast';

const reader = unified().use(remarkParse).use(remarkGfm);
// GFM trims the padding of table cells, so whitespace at a cell's edges is written as a
// character reference (the cell serialiser pads with one space on each side).
const cellEdges = [
  { character: ' ', before: ' ', inConstruct: 'tableCell' as const },
  { character: ' ', after: ' ', inConstruct: 'tableCell' as const },
  { character: '\t', before: ' ', inConstruct: 'tableCell' as const },
  { character: '\t', after: ' ', inConstruct: 'tableCell' as const }
];

const writer = unified()
  .use(remarkGfm)
  .use(remarkStringify, {
    bullet: '-',
    emphasis: '*',
    strong: '*',
    fence: '`',
    rule: '-',
    listItemIndent: 'one',
    unsafe: cellEdges
  });

export function parseMarkdown(text: string): Root {
  return reader.parse(text);
}

export function stringifyMarkdown(tree: Root): string {
  return writer.stringify(tree);
}
