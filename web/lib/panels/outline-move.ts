// Moves a clause dropped in the outline, through the structure commands (clauses/structure).
// PENDING: clauses/structure is not in the tree yet; until it is, a drop reports that it cannot move.

import type { Editor } from '@tiptap/core';
import type { DropPlace } from './outline';

export function moveClauseInEditor(editor: Editor, clauseId: string, targetId: string, place: DropPlace): true | string {
  void editor;
  void clauseId;
  void targetId;
  void place;
  return 'Moving clauses by drag is not available yet.';
}
