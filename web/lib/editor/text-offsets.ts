// Positions in the editor for offsets into a block's plain text (clauses/text): diagnostics point
// into that text, the underline needs document positions. A cross-reference counts as
// "[target]", a hard break as one character, and the textblocks of a note or list as lines
// separated by one "\n".

import type { Node as PMNode } from '@tiptap/pm/model';

interface Segment {
  /** Plain-text offset where the segment starts. */
  text: number;
  /** Document position where it starts. */
  pos: number;
  /** Length in plain text. */
  length: number;
  /** Size in the document (1 for an atom that reads as several characters). */
  size: number;
}

function inlineLength(node: PMNode): number {
  if (node.isText) return node.text!.length;
  if (node.type.name === 'xref') return String(node.attrs.target ?? '').length + 2;
  return 1;
}

/** The text segments of the block at `blockPos`, in reading order. */
export function textSegments(block: PMNode, blockPos: number): Segment[] {
  const segments: Segment[] = [];
  let text = 0;
  if (block.isTextblock) {
    block.forEach((child, offset) => {
      const length = inlineLength(child);
      segments.push({ text, pos: blockPos + 1 + offset, length, size: child.nodeSize });
      text += length;
    });
    return segments;
  }
  let first = true;
  block.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (!first) text += 1; // the "\n" between lines
    first = false;
    node.forEach((child, offset) => {
      const length = inlineLength(child);
      segments.push({ text, pos: blockPos + 1 + pos + 1 + offset, length, size: child.nodeSize });
      text += length;
    });
    return false;
  });
  return segments;
}

/** The document range for plain-text [start, end) in the block, or null if it is empty. */
export function textRange(block: PMNode, blockPos: number, start: number, end: number): [number, number] | null {
  const segments = textSegments(block, blockPos);
  const at = (offset: number, bias: 'start' | 'end'): number | null => {
    for (const s of segments) {
      const inside = bias === 'start' ? offset < s.text + s.length : offset <= s.text + s.length;
      if (offset >= s.text && inside) {
        // Inside an atom, the whole atom is covered.
        if (s.size !== s.length) return bias === 'start' ? s.pos : s.pos + s.size;
        return s.pos + (offset - s.text);
      }
    }
    return null;
  };
  const from = at(start, 'start');
  const to = at(Math.max(start, end), 'end');
  return from !== null && to !== null && to > from ? [from, to] : null;
}
