// Keeps `session.standard` in step with the editor: the document converted to the `Standard` a
// short while after the last change (local or remote), so panels never convert on every keystroke.

import type { Editor } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import type * as Y from 'yjs';
import { docToStandard, readCollabMeta } from '../../../clauses/convert';
import type { Standard, StandardMeta } from '../../../clauses/model';
import { YDOC_META } from '../../../clauses/schema';
import { completeMeta } from '../../../clauses/skeleton';
import { createStandardReader, type StandardReader } from './incremental-standard';

export const STANDARD_DEBOUNCE_MS = 100;

/** The standard's metadata: the database's fields overlaid with the Y.Doc's collaborative ones. */
export function standardMeta(base: Partial<StandardMeta>, ydoc: Y.Doc): StandardMeta {
  return completeMeta({ ...base, ...readCollabMeta(ydoc) });
}

/** The editor's document as a `Standard`, or null (with a console warning) if it cannot convert. */
export function currentStandard(editor: Editor, meta: StandardMeta, read: StandardReader = docToStandard): Standard | null {
  try {
    return read(editor.state.doc, meta);
  } catch (error) {
    console.warn('Clausework: the document could not be read as a standard:', error);
    return null;
  }
}

export function watchStandard(
  editor: Editor,
  ydoc: Y.Doc,
  base: Partial<StandardMeta>,
  onChange: (standard: Standard) => void
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const read = createStandardReader();
  const recompute = () => {
    timer = undefined;
    if (editor.isDestroyed) return;
    const standard = currentStandard(editor, standardMeta(base, ydoc), read);
    if (standard) onChange(standard);
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(recompute, STANDARD_DEBOUNCE_MS);
  };
  const onTransaction = ({ transaction }: { transaction: Transaction }) => {
    if (transaction.docChanged) schedule();
  };
  const meta = ydoc.getMap(YDOC_META);
  editor.on('transaction', onTransaction);
  meta.observe(schedule);
  recompute();
  return () => {
    clearTimeout(timer);
    editor.off('transaction', onTransaction);
    meta.unobserve(schedule);
  };
}
