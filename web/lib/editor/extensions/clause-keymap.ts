// Keyboard shortcuts for clauses. Kinds: Alt+Shift+1 normative technical, Alt+Shift+2 policy
// recommendation, Alt+Shift+3 informative, Alt+Shift+0 inherit, Alt+Shift+K opens the kind menu.

import { Extension } from '@tiptap/core';
import type { Kind } from '../../../../clauses/model';
import { clauseAtCursor, setClauseKind } from '../clause-at-cursor';
import { INHERIT_SHORTCUT, KIND_SHORTCUT } from '../kinds-ui';

export interface ClauseKeymapOptions {
  /** Open the kind menu for the clause at the caret. */
  onKindMenu: (clauseId: string) => void;
  /** A shortcut could not act (e.g. a kind not allowed here): say why. */
  onRefused: (message: string) => void;
}

export const ClauseKeymap = Extension.create<ClauseKeymapOptions>({
  name: 'clauseKeymap',
  addOptions() {
    return { onKindMenu: () => {}, onRefused: () => {} };
  },
  addKeyboardShortcuts() {
    const setKind = (kind: Kind | null) => () => {
      const { state, view } = this.editor;
      const clause = clauseAtCursor(state);
      if (!clause) return false;
      if (!setClauseKind(state, clause, kind, view.dispatch)) {
        this.options.onRefused('This part of a Recommendation is informative: it cannot be tagged normative or policy.');
      }
      return true;
    };
    const shortcuts: Record<string, () => boolean> = {
      [INHERIT_SHORTCUT]: setKind(null),
      'Alt-Shift-k': () => {
        const clause = clauseAtCursor(this.editor.state);
        if (!clause) return false;
        this.options.onKindMenu(clause.id);
        return true;
      }
    };
    for (const [kind, key] of Object.entries(KIND_SHORTCUT)) shortcuts[key] = setKind(kind as Kind);
    return shortcuts;
  }
});
