// The editor session shared by the editor page and the panels (outline, problems, summary,
// requirement side panel, review, export menu). The page owns its lifecycle; panels only read it
// and call its navigation methods, so no panel needs to know how the editor or the provider are
// built.

import { getContext, setContext } from 'svelte';
import type { Editor } from '@tiptap/core';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import type { Kind, Standard } from '../../../clauses/model';
import type { Analysis } from '../../../clauses/analysis';
import type { ReviewAccess } from '../review/access';
import type { AnchorDraft, AnchorStatus } from '../review/anchors';
import type { ThreadsClient } from '../review/threads-client.svelte';
import type { Blocked } from './connection';

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

  /** The signed-in person's role and permissions on this standard (from the page data). */
  access = $state.raw<ReviewAccess>({
    role: 'editor',
    user: { id: 'anonymous', name: 'Anonymous' },
    canEdit: true,
    canComment: true,
    canResolve: true
  });
  /** The server opened this connection read-only (it may know of a role change the page does not). */
  readOnlyConnection = $state(false);
  /** Set when the server ended this person's access: the page blocks the editor and says why. */
  blocked = $state.raw<Blocked | null>(null);

  /** The review threads of the document, live; null until the connection exists. */
  threads = $state.raw<ThreadsClient | null>(null);
  /** Where each thread's anchor is now (only the kind matters to the panel; positions go stale). */
  anchors = $state.raw<Map<string, AnchorStatus>>(new Map());
  /** The thread selected in the panel or clicked in the text. */
  activeThreadId = $state<string | null>(null);
  /** The comment being written, with the anchor taken when the composer opened. */
  composing = $state.raw<AnchorDraft | null>(null);
  /** The side tab to show; the tab bar binds to it. */
  sideTab = $state<string | undefined>(undefined);

  constructor(standardId: string) {
    this.standardId = standardId;
  }

  /** Whether this person may change the document now. */
  get canEdit(): boolean {
    return this.access.canEdit && !this.readOnlyConnection && !this.blocked;
  }

  get canComment(): boolean {
    return this.access.canComment && !this.blocked;
  }

  /** Selects a document range and brings it into view (a comment's text). */
  focusRange(from: number, to: number): boolean {
    const editor = this.editor;
    if (!editor || editor.isDestroyed) return false;
    const { state, view } = editor;
    const size = state.doc.content.size;
    if (from < 0 || to > size || from > to) return false;
    view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, from, to)).scrollIntoView());
    const start = view.domAtPos(from);
    if (editor.isEditable) view.focus();
    else {
      // A read-only view draws its selection only while the page's selection is already inside
      // it (it cannot take focus): select the text in the page itself.
      const end = view.domAtPos(to);
      (document.activeElement as HTMLElement | null)?.blur?.();
      document.getSelection()?.setBaseAndExtent(start.node, start.offset, end.node, end.offset);
    }
    const el = start.node instanceof HTMLElement ? start.node : start.node.parentElement;
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    return true;
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
