// Starting a comment and going to one: the editor-side actions of the review panel, the toolbar's
// Comment button and the Ctrl+Alt+M shortcut.

import type { Thread } from '../../../clauses/review';
import type { EditorSession } from '../editor/context.svelte';
import { flushPendingSelection } from '../editor/flush-selection';
import { anchorAtSelection, resolveAnchors } from './anchors';

export const COMMENT_SHORTCUT_LABEL = 'Ctrl+Alt+M';

/** Whether a key event is the comment shortcut (by key position, so it works on any layout). */
export function isCommentShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && event.altKey && !event.shiftKey && event.code === 'KeyM';
}

/**
 * Opens the composer for the current selection (or the clause at the caret). Returns why it
 * could not, for the page to say.
 */
export function startComment(session: EditorSession): string | null {
  const editor = session.editor;
  if (!editor || editor.isDestroyed) return 'The document has not loaded yet.';
  if (!session.canComment) return 'Your role in this working group does not allow comments.';
  // A selection made a moment ago may not have reached the editor state yet.
  flushPendingSelection(editor.view);
  const draft = anchorAtSelection(editor.state);
  if (!draft) return 'Select text in a clause, or put the caret in one, to comment on it.';
  session.composing = draft;
  return null;
}

/** Makes a thread the active one and shows its text (or its clause) in the editor. */
export function goToThread(session: EditorSession, thread: Thread): string | null {
  session.activeThreadId = thread.id;
  const editor = session.editor;
  if (!editor || editor.isDestroyed) return null;
  flushPendingSelection(editor.view);
  const status = resolveAnchors(editor.state, [thread]).get(thread.id);
  if (status?.kind === 'range' && session.focusRange(status.from, status.to)) return null;
  if (status && status.kind !== 'detached' && session.focusClause(thread.anchor.clauseId)) return null;
  return 'The clause this comment was on has been deleted.';
}
