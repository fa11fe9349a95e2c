// Moves a clause dropped in the outline through the structure command, so the outline obeys the
// same rules as the keyboard (fixed clauses stay put, annexes stay after the body) and the move is
// one collaborative, undoable transaction that keeps every id.

import type { Editor } from '@tiptap/core';
import { moveClause, type DropPlace } from '../../../clauses/structure';

export function moveClauseInEditor(editor: Editor, clauseId: string, targetId: string, place: DropPlace): true | string {
  const { state, view } = editor;
  const moved = moveClause(clauseId, targetId, place)(state, (tr) => view.dispatch(tr.scrollIntoView()));
  return moved
    ? true
    : 'That move is not allowed: the fixed clauses (front matter, 1–5, Bibliography) keep their place, and annexes and appendices stay in their own sequence.';
}
