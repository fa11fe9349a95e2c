// Keeps `session.standard` in step with the editor: the document converted to the `Standard` a
// short while after the last change (local or remote), so panels never convert on every keystroke,
// and in an idle moment, so the conversion does not hold up the next keystroke.

import type { Editor } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import type * as Y from 'yjs';
import { docToStandard, readCollabMeta } from '../../../clauses/convert';
import type { Standard, StandardMeta } from '../../../clauses/model';
import { YDOC_META } from '../../../clauses/schema';
import { completeMeta } from '../../../clauses/skeleton';
import { createStandardReader, type StandardReader } from './incremental-standard';
import { whenIdle } from './idle';

export const STANDARD_DEBOUNCE_MS = 100;
/** While typing goes on without a pause, the standard is still refreshed this often. */
export const STANDARD_MAX_WAIT_MS = 500;

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
  let idle: (() => void) | undefined;
  /** When the oldest change not yet converted happened (0: none). */
  let dirtySince = 0;
  const read = createStandardReader();
  const recompute = () => {
    idle = undefined;
    dirtySince = 0;
    if (editor.isDestroyed) return;
    const standard = currentStandard(editor, standardMeta(base, ydoc), read);
    if (standard) onChange(standard);
  };
  const schedule = () => {
    const now = performance.now();
    dirtySince ||= now;
    const pending = timer !== undefined || idle !== undefined;
    if (pending && now - dirtySince >= STANDARD_MAX_WAIT_MS) return;
    clearTimeout(timer);
    idle?.();
    idle = undefined;
    timer = setTimeout(() => {
      timer = undefined;
      idle = whenIdle(recompute);
    }, STANDARD_DEBOUNCE_MS);
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
    idle?.();
    editor.off('transaction', onTransaction);
    meta.unobserve(schedule);
  };
}
