// The editor session shared by the editor page and the panels (outline, problems, summary,
// requirement side panel, export menu). The page owns its lifecycle; panels only read it and call
// its navigation methods, so no panel needs to know how the editor or the provider are built.

import { getContext, setContext } from 'svelte';
import type { Editor } from '@tiptap/core';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import type { Kind, Standard } from '../../../clauses/model';
import type { Analysis } from '../../../clauses/analysis';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** Someone in the document, as their awareness state announces them. */
export interface PresenceUser {
  clientId: number;
  name: string;
  color: string;
  /** True for this browser tab. */
  self: boolean;
}

export class EditorSession {
  editor = $state.raw<Editor | null>(null);
  provider = $state.raw<HocuspocusProvider | null>(null);
  standardId = $state('');
  /** The document as a `Standard`, recomputed (debounced) after each change; null until loaded. */
  standard = $state.raw<Standard | null>(null);
  /**
   * Numbering, effective kinds, requirements and diagnostics of `standard`, computed once per
   * change (incrementally, per clause) for the editor's decorations; panels may read it instead
   * of recomputing.
   */
  analysis = $state.raw<Analysis | null>(null);
  /** The `standard` that `analysis` was computed from (not reactive: read with `analysis`). */
  analysedStandard: Standard | null = null;
  status = $state<ConnectionStatus>('connecting');
  /** Local edits the server has not acknowledged yet. */
  unsynced = $state(0);
  /** True once the first sync with the server has completed. */
  synced = $state(false);
  /** Why the document could not be opened, shown instead of the editor. */
  loadError = $state<string | null>(null);
  /** When set, clauses of other kinds are dimmed and collapsed in the editor. */
  filterKind = $state<Kind | null>(null);
  users = $state.raw<PresenceUser[]>([]);

  constructor(standardId: string) {
    this.standardId = standardId;
  }

  /** Scrolls to a clause and puts the caret at the end of its title. */
  focusClause(clauseId: string): boolean {
    return this.focusNode((node) => node.type.name === 'clause' && node.attrs.id === clauseId);
  }

  /** Scrolls to a block (paragraph, note, table, term…) and puts the caret inside it. */
  focusBlock(blockId: string): boolean {
    return this.focusNode((node) => node.type.name !== 'clause' && node.attrs.id === blockId);
  }

  private focusNode(match: (node: PMNode) => boolean): boolean {
    const editor = this.editor;
    if (!editor || editor.isDestroyed) return false;
    const pos = findPos(editor.state.doc, match);
    if (pos === null) return false;
    const { state, view } = editor;
    // Inside the node: the first place a caret can go (a clause's first is its title).
    const selection = TextSelection.near(state.doc.resolve(pos + 1));
    view.dispatch(state.tr.setSelection(selection).scrollIntoView());
    view.focus();
    const dom = view.nodeDOM(pos);
    if (dom instanceof HTMLElement) {
      dom.scrollIntoView({ block: 'center', behavior: 'smooth' });
      flash(dom);
    }
    return true;
  }
}

function findPos(doc: PMNode, match: (node: PMNode) => boolean): number | null {
  let found: number | null = null;
  doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (match(node)) {
      found = pos;
      return false;
    }
    return true;
  });
  return found;
}

/** A short highlight so the eye finds where navigation landed. */
function flash(el: HTMLElement): void {
  el.classList.remove('cw-flash');
  void el.offsetWidth;
  el.classList.add('cw-flash');
  setTimeout(() => el.classList.remove('cw-flash'), 1200);
}

const KEY = Symbol('clausework.editor-session');

export function setEditorSession(session: EditorSession): EditorSession {
  return setContext(KEY, session);
}

export function useEditorSession(): EditorSession {
  const session = getContext<EditorSession | undefined>(KEY);
  if (!session) throw new Error('useEditorSession() called outside the editor page.');
  return session;
}
