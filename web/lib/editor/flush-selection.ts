// ProseMirror reads a new DOM selection (a click, arrow keys) a moment after it happens. A
// transaction dispatched in between from outside (new decorations after an analysis, a filter
// change) is built on the old selection and would put the caret back where it was, undoing the
// user's click. Reading pending DOM changes first avoids that.

import type { EditorView } from '@tiptap/pm/view';

interface WithObserver {
  domObserver?: { flush(): void };
}

export function flushPendingSelection(view: EditorView): void {
  // domObserver is not in ProseMirror's typings, but has been part of EditorView for years.
  (view as unknown as WithObserver).domObserver?.flush();
}
