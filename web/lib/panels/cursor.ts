// What the caret is in, for the requirement side panel, and how to write a requirement's
// editor-set attributes back as one transaction (collaborative through Yjs, undoable per user).

import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { Check } from '../../../clauses/model';

export interface ParagraphAtCursor {
  id: string;
  pos: number;
  node: PMNode;
}

/** The innermost paragraph holding the caret, if it has an id. */
export function paragraphAtCursor(editor: Editor): ParagraphAtCursor | null {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name === 'paragraph') {
      const id = node.attrs.id;
      return typeof id === 'string' && id ? { id, pos: $from.before(depth), node } : null;
    }
  }
  return null;
}

/** Position of the paragraph with `id` now (the document may have changed since it was read). */
function findParagraph(editor: Editor, id: string): { pos: number; node: PMNode } | null {
  let found: { pos: number; node: PMNode } | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found) return false;
    if (node.type.name === 'paragraph' && node.attrs.id === id) {
      found = { pos, node };
      return false;
    }
    return true;
  });
  return found;
}

/**
 * Sets the paragraph's label and checks. An empty label or an empty list removes the attribute,
 * so the requirement falls back to its automatic id. Returns false if the paragraph is gone.
 */
export function writeRequirementAttrs(
  editor: Editor,
  paragraphId: string,
  label: string,
  checks: Check[]
): boolean {
  const target = findParagraph(editor, paragraphId);
  if (!target) return false;
  const attrs = {
    ...target.node.attrs,
    reqLabel: label.trim() ? label.trim() : null,
    checks: checks.length ? checks : null
  };
  const tr = editor.state.tr.setNodeMarkup(target.pos, undefined, attrs);
  editor.view.dispatch(tr);
  return true;
}
