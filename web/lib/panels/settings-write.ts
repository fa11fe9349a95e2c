// Writes the Settings panel's values into the collaborative document. A convention switch and the
// Conventions clause text it implies go into the editor's undo history as one step, so Ctrl+Z
// takes back both; the other fields are plain shared values, not undoable edits of the text.

import type { Editor } from '@tiptap/core';
import * as Y from 'yjs';
import { ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap';
import { writeCollabMeta, type CollabMeta } from '../../../clauses/convert';
import { applyConventionsPlan, forceConventionsText, planConventionsSwitch, type ConventionsPlan } from '../../../clauses/conventions';
import type { Convention } from '../../../clauses/model';
import { YDOC_META } from '../../../clauses/schema';

/** Writes plain metadata fields (pattern, version, date) to the shared 'meta' map. */
export function writeSettings(ydoc: Y.Doc, values: Partial<Omit<CollabMeta, 'convention'>>): void {
  writeCollabMeta(ydoc, values);
}

/**
 * Switches the convention and, when clause 5 still holds the old convention's text (or nothing),
 * its text. Returns the plan so the caller can tell the drafter when their own text was kept.
 */
export function switchConvention(editor: Editor, ydoc: Y.Doc, from: Convention, to: Convention): ConventionsPlan {
  const plan = planConventionsSwitch(editor.state.doc, from, to);
  inOneUndoStep(editor, ydoc, () => {
    const tr = editor.state.tr;
    if (applyConventionsPlan(tr, plan)) editor.view.dispatch(tr);
    ydoc.transact(() => writeCollabMeta(ydoc, { convention: to }), ySyncPluginKey);
  });
  return plan;
}

/** Replaces clause 5, whatever it says, with the standard text of `convention`: an explicit request. */
export function replaceConventionsText(editor: Editor, convention: Convention): boolean {
  const tr = editor.state.tr;
  if (!applyConventionsPlan(tr, forceConventionsText(editor.state.doc, convention))) return false;
  editor.view.dispatch(tr);
  return true;
}

/**
 * The editor's Yjs undo manager tracks the document fragment, with the sync plugin as origin.
 * Adding the 'meta' map to its scope, writing it with that origin, and closing the capture
 * before and after makes the text change and the metadata change one undo step.
 */
function inOneUndoStep(editor: Editor, ydoc: Y.Doc, run: () => void): void {
  const undoManager = yUndoPluginKey.getState(editor.state)?.undoManager as Y.UndoManager | undefined;
  undoManager?.addToScope(ydoc.getMap(YDOC_META));
  undoManager?.stopCapturing();
  run();
  undoManager?.stopCapturing();
}
