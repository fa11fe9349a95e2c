// Where a comment points, and where that is now. A thread always names its clause (stable id);
// a range is kept as two Yjs relative positions, which follow the text through everyone's edits.
// Yjs has no move: moving a clause (or a paragraph) deletes it and inserts a copy, so the range's
// positions die with the old copy. The clause id survives, and the quoted text is looked for
// again inside the clause (in the commented block first) — the same re-anchoring by quote that
// annotation tools use when their selectors break.

import * as Y from 'yjs';
import type { Node as PMNode, ResolvedPos } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey
} from '@tiptap/y-tiptap';
import { MAX_QUOTE_LENGTH, type Thread, type ThreadAnchor } from '../../../clauses/review';
import { textRange } from '../editor/text-offsets';

/** What the editor's Yjs binding exposes: the shared fragment and its map to ProseMirror nodes. */
interface YBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Parameters<typeof absolutePositionToRelativePosition>[2];
}

export function yBinding(state: EditorState): YBinding | null {
  const binding = (ySyncPluginKey.getState(state) as { binding?: Partial<YBinding> } | undefined)?.binding;
  return binding?.doc && binding.type && binding.mapping ? (binding as YBinding) : null;
}

// ---------------------------------------------------------------- creating an anchor

interface ClauseAround {
  id: string;
  depth: number;
}

/** The innermost clause holding a resolved position. */
function clauseAround($pos: ResolvedPos): ClauseAround | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (node.type.name === 'clause' && typeof node.attrs.id === 'string' && node.attrs.id) {
      return { id: node.attrs.id, depth };
    }
  }
  return null;
}

/** How an inline atom reads in a quote and in the text a quote is searched in. */
function leafText(leaf: PMNode): string {
  if (leaf.type.name === 'xref') return `[${String(leaf.attrs.target ?? '')}]`;
  if (leaf.type.name === 'hardBreak') return '\n';
  return '';
}

export function quoteOf(doc: PMNode, from: number, to: number): string {
  return doc.textBetween(from, to, '\n', leafText).slice(0, MAX_QUOTE_LENGTH);
}

export interface AnchorDraft {
  anchor: ThreadAnchor;
  /** The document range the anchor was made from (empty for a clause-level comment). */
  from: number;
  to: number;
}

/**
 * The anchor for a comment on the current selection: the clause holding its start, the block
 * there, and the selected range inside that clause with its text. A collapsed selection (or one
 * without text) comments on the clause. Null when the selection is in no clause.
 */
export function anchorAtSelection(state: EditorState): AnchorDraft | null {
  const { from, to } = state.selection;
  const $from = state.doc.resolve(from);
  let clause = clauseAround($from);
  // A whole clause selected as a node: the caret is just before it.
  const selected = (state.selection as { node?: PMNode }).node;
  if (!clause && selected?.type.name === 'clause' && typeof selected.attrs.id === 'string') {
    return { anchor: { clauseId: selected.attrs.id }, from, to: from };
  }
  if (!clause) return null;
  const block = $from.depth > clause.depth ? $from.node(clause.depth + 1) : null;
  const blockId = typeof block?.attrs.id === 'string' && block.attrs.id ? block.attrs.id : undefined;
  const base: ThreadAnchor = blockId ? { clauseId: clause.id, blockId } : { clauseId: clause.id };
  // A selection running past its clause is cut at the clause's end.
  const end = Math.min(to, $from.end(clause.depth));
  const quote = end > from ? quoteOf(state.doc, from, end) : '';
  const binding = yBinding(state);
  if (!quote.trim() || !binding) return { anchor: base, from, to: from };
  const relative = (pos: number) =>
    Y.relativePositionToJSON(absolutePositionToRelativePosition(pos, binding.type, binding.mapping)) as unknown;
  return { anchor: { ...base, start: relative(from), end: relative(end), quote }, from, to: end };
}

// ---------------------------------------------------------------- resolving anchors

/** Where a thread's anchor is in the current document. */
export type AnchorStatus =
  /** The commented range, found. */
  | { kind: 'range'; from: number; to: number; clausePos: number }
  /** A comment on the whole clause. */
  | { kind: 'clause'; clausePos: number }
  /** The clause is there but the commented text is not any more. */
  | { kind: 'deleted'; clausePos: number }
  /** The clause itself was deleted. */
  | { kind: 'detached' };

interface ClauseEntry {
  pos: number;
  node: PMNode;
}

/** Every clause by id: one walk that never enters a block's content. */
function indexClauses(doc: PMNode): Map<string, ClauseEntry> {
  const index = new Map<string, ClauseEntry>();
  doc.descendants((node, pos) => {
    if (node.type.name !== 'clause') return false;
    const id = node.attrs.id;
    if (typeof id === 'string' && id && !index.has(id)) index.set(id, { pos, node });
    return true;
  });
  return index;
}

interface YItemLike {
  deleted: boolean;
  parent: unknown;
}

/** Whether a Yjs type, or one of its ancestors, was deleted (a moved or removed block). */
function inDeletedType(type: unknown): boolean {
  for (let t = type as { _item?: YItemLike | null } | null; t?._item; t = t._item.parent as typeof t) {
    if (t._item.deleted) return true;
  }
  return false;
}

/** A relative position's place in the document, or null when its text no longer exists there. */
function livePosition(binding: YBinding, json: unknown): number | null {
  if (!json || typeof json !== 'object') return null;
  try {
    const relative = Y.createRelativePositionFromJSON(json);
    const absolute = Y.createAbsolutePositionFromRelativePosition(relative, binding.doc);
    if (!absolute || inDeletedType(absolute.type)) return null;
    return relativePositionToAbsolutePosition(binding.doc, binding.type, relative, binding.mapping);
  } catch {
    // A position from another document or a damaged one: treat as gone.
    return null;
  }
}

/** The document position of the clause `clauseId` if it is an ancestor of `pos`. */
function clauseAncestor(doc: PMNode, pos: number, clauseId: string): ClauseEntry | null {
  if (pos < 0 || pos > doc.content.size) return null;
  const $pos = doc.resolve(pos);
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (node.type.name === 'clause' && node.attrs.id === clauseId) return { pos: $pos.before(depth), node };
  }
  return null;
}

/** The plain text of a textblock as quotes read it, for searching. */
function textblockText(block: PMNode): string {
  let text = '';
  block.forEach((child) => {
    text += child.isText ? child.text! : child.type.name === 'xref' ? `[${String(child.attrs.target ?? '')}]` : '\u200b';
  });
  return text;
}

/**
 * The first occurrence of the quote's first line in the textblocks under `root` (not entering
 * sub-clauses), as a document range.
 */
function findQuote(root: PMNode, rootPos: number, quote: string): [number, number] | null {
  const needle = quote.split('\n').find((line) => line.trim())?.trim();
  if (!needle) return null;
  if (root.isTextblock) {
    const at = textblockText(root).indexOf(needle);
    return at >= 0 ? textRange(root, rootPos, at, at + needle.length) : null;
  }
  let found: [number, number] | null = null;
  root.descendants((node, offset) => {
    if (found) return false;
    if (node.type.name === 'clause') return false;
    if (!node.isTextblock) return true;
    const at = textblockText(node).indexOf(needle);
    if (at >= 0) found = textRange(node, rootPos + 1 + offset, at, at + needle.length);
    return false;
  });
  return found;
}

function blockIn(clause: ClauseEntry, blockId: string): ClauseEntry | null {
  let found: ClauseEntry | null = null;
  clause.node.descendants((node, offset) => {
    if (found) return false;
    if (node.type.name === 'clause') return false;
    if (node.attrs.id === blockId) {
      found = { pos: clause.pos + 1 + offset, node };
      return false;
    }
    return !node.isTextblock;
  });
  return found;
}

/**
 * Where each thread's anchor is now. Cost grows with the number of threads, not with the
 * document: live ranges are checked by walking up from their position; only an anchor whose
 * range died (or that names just a clause) needs the clause index, built once per call.
 */
export function resolveAnchors(state: EditorState, threads: readonly Thread[]): Map<string, AnchorStatus> {
  const out = new Map<string, AnchorStatus>();
  const binding = yBinding(state);
  const doc = state.doc;
  let clauses: Map<string, ClauseEntry> | null = null;
  const clauseById = (id: string) => (clauses ??= indexClauses(doc)).get(id) ?? null;

  for (const thread of threads) {
    const { clauseId, blockId, start, end, quote } = thread.anchor;
    const hasRange = start !== undefined && end !== undefined;
    if (hasRange && binding) {
      const a = livePosition(binding, start);
      const b = livePosition(binding, end);
      if (a !== null && b !== null) {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const clause = clauseAncestor(doc, from, clauseId);
        if (clause) {
          const clauseEnd = clause.pos + clause.node.nodeSize - 1;
          const cut = Math.min(to, clauseEnd);
          out.set(
            thread.id,
            cut > from && doc.textBetween(from, cut, '', leafText).length > 0
              ? { kind: 'range', from, to: cut, clausePos: clause.pos }
              : { kind: 'deleted', clausePos: clause.pos }
          );
          continue;
        }
      }
    }
    const clause = clauseById(clauseId);
    if (!clause) {
      out.set(thread.id, { kind: 'detached' });
      continue;
    }
    if (!hasRange) {
      out.set(thread.id, { kind: 'clause', clausePos: clause.pos });
      continue;
    }
    // The range's text went with a moved copy (or is gone): look for the quote again.
    const block = blockId ? blockIn(clause, blockId) : null;
    const range =
      (quote && block && findQuote(block.node, block.pos, quote)) || (quote ? findQuote(clause.node, clause.pos, quote) : null);
    out.set(
      thread.id,
      range ? { kind: 'range', from: range[0], to: range[1], clausePos: clause.pos } : { kind: 'deleted', clausePos: clause.pos }
    );
  }
  return out;
}
