// Keyboard shortcuts for clauses, all acting on the clause at the caret through the structure
// commands (ids kept, one undoable, shared transaction each):
//   Alt+Enter            new clause after this one      Alt+Shift+Enter   new sub-clause
//   Alt+Shift+←/→        promote / demote               Alt+Shift+↑/↓     move up / down
//   Alt+Shift+1/2/3      normative / policy / informative
//   Alt+Shift+0          inherit the kind               Alt+Shift+K       kind menu

import { Extension } from '@tiptap/core';
import type { Command } from '@tiptap/pm/state';
import type { Kind } from '../../../../clauses/model';
import {
  demoteClause,
  insertClauseAfter,
  insertSubclause,
  moveClauseDown,
  moveClauseUp,
  promoteClause,
  setClauseKind
} from '../../../../clauses/structure/commands';
import { clauseAtCursor } from '../clause-at-cursor';
import { flushPendingSelection } from '../flush-selection';
import { INHERIT_SHORTCUT, KIND_SHORTCUT } from '../kinds-ui';

export interface ClauseKeymapOptions {
  /** Open the kind menu for the clause at the caret. */
  onKindMenu: (clauseId: string) => void;
  /** A shortcut could not act here: tell the user why. */
  onRefused: (message: string) => void;
}

export const CLAUSE_SHORTCUTS = {
  insertAfter: 'Alt-Enter',
  insertSub: 'Alt-Shift-Enter',
  promote: 'Alt-Shift-ArrowLeft',
  demote: 'Alt-Shift-ArrowRight',
  moveUp: 'Alt-Shift-ArrowUp',
  moveDown: 'Alt-Shift-ArrowDown',
  kindMenu: 'Alt-Shift-k'
} as const;

const REFUSED = {
  insertAfter: 'A new clause cannot go here: the fixed clauses (Summary to Conventions) keep their order. Add a sub-clause (Alt+Shift+Enter) or add it after clause 5.',
  insertSub: 'A sub-clause cannot be added here.',
  promote: 'This clause is already at the top level.',
  demote: 'Only a clause that follows another clause of the body, an annex or an appendix can become its sub-clause.',
  moveUp: 'This clause cannot move up: it is the first of its kind here, or a fixed clause.',
  moveDown: 'This clause cannot move down: it is the last of its kind here, or a fixed clause.',
  kind: 'This part of a Recommendation is informative: it cannot be tagged normative or policy.'
} as const;

export const ClauseKeymap = Extension.create<ClauseKeymapOptions>({
  name: 'clauseKeymap',
  addOptions() {
    return { onKindMenu: () => {}, onRefused: () => {} };
  },
  addKeyboardShortcuts() {
    /** Runs a structure command on the clause at the caret; the key is consumed either way. */
    const run = (command: (clauseId: string) => Command, refused: string) => () => {
      // The caret may have just moved (a click, End) without ProseMirror having read it yet.
      flushPendingSelection(this.editor.view);
      const { state, view } = this.editor;
      const clause = clauseAtCursor(state);
      if (!clause?.id) return false;
      if (!command(clause.id)(state, view.dispatch)) this.options.onRefused(refused);
      return true;
    };
    const shortcuts: Record<string, () => boolean> = {
      [CLAUSE_SHORTCUTS.insertAfter]: run((id) => insertClauseAfter(id), REFUSED.insertAfter),
      [CLAUSE_SHORTCUTS.insertSub]: run((id) => insertSubclause(id), REFUSED.insertSub),
      [CLAUSE_SHORTCUTS.promote]: run(promoteClause, REFUSED.promote),
      [CLAUSE_SHORTCUTS.demote]: run(demoteClause, REFUSED.demote),
      [CLAUSE_SHORTCUTS.moveUp]: run(moveClauseUp, REFUSED.moveUp),
      [CLAUSE_SHORTCUTS.moveDown]: run(moveClauseDown, REFUSED.moveDown),
      [INHERIT_SHORTCUT]: run((id) => setClauseKind(id, null), REFUSED.kind),
      [CLAUSE_SHORTCUTS.kindMenu]: () => {
        flushPendingSelection(this.editor.view);
        const clause = clauseAtCursor(this.editor.state);
        if (!clause?.id) return false;
        this.options.onKindMenu(clause.id);
        return true;
      }
    };
    for (const [kind, key] of Object.entries(KIND_SHORTCUT)) {
      shortcuts[key] = run((id) => setClauseKind(id, kind as Kind), REFUSED.kind);
    }
    return shortcuts;
  }
});
