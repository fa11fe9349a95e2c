// The commented ranges in the editor: open threads' ranges highlighted, the active thread's (open
// or not) stronger, and the active thread's clause marked when it has no range. Decorations only,
// so nothing of it enters the shared document.
//
// Typing must stay fast on a long draft: between recomputations the highlights are only mapped
// through each transaction (cost: the highlights, not the document); the anchors are resolved
// again a moment after the document stops changing, and at once when the threads change.

import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { THREAD_TYPE_CODES, type Thread } from '../../../clauses/review';
import { updateDecorationSet } from '../editor/extensions/decoration-diff';
import { flushPendingSelection } from '../editor/flush-selection';
import { whenIdle } from '../editor/idle';
import { resolveAnchors, type AnchorStatus } from './anchors';

export const commentHighlightsKey = new PluginKey<DecorationSet>('clauseworkComments');

/** Quiet time after the last change before anchors are resolved again. */
export const RESOLVE_DEBOUNCE_MS = 250;
/** While changes keep coming, anchors are still resolved this often. */
export const RESOLVE_MAX_WAIT_MS = 1500;

export interface CommentHighlightsOptions {
  threads: () => readonly Thread[];
  activeId: () => string | null;
  /** Every thread's anchor, after each resolution. */
  onResolved: (statuses: Map<string, AnchorStatus>) => void;
  /** A highlighted range was clicked. */
  onActivate: (threadId: string) => void;
}

interface RangeSpec {
  threadId: string;
}

export function commentDecorations(
  doc: PMNode,
  threads: readonly Thread[],
  statuses: Map<string, AnchorStatus>,
  activeId: string | null
): Decoration[] {
  const decorations: Decoration[] = [];
  for (const thread of threads) {
    const status = statuses.get(thread.id);
    const active = thread.id === activeId;
    if (!status || (thread.status !== 'open' && !active)) continue;
    if (status.kind === 'range') {
      decorations.push(
        Decoration.inline(
          status.from,
          status.to,
          {
            class: `comment-range${active ? ' comment-range-active' : ''}${thread.status === 'resolved' ? ' comment-range-resolved' : ''}`,
            'data-thread-id': thread.id,
            title: `${THREAD_TYPE_CODES[thread.type]} comment by ${thread.author.name}`
          },
          { threadId: thread.id } satisfies RangeSpec
        )
      );
    } else if (active && status.kind !== 'detached') {
      const clause = doc.nodeAt(status.clausePos);
      if (clause) {
        decorations.push(Decoration.node(status.clausePos, status.clausePos + clause.nodeSize, { class: 'comment-clause-active' }));
      }
    }
  }
  return decorations;
}

interface Controller {
  refresh(): void;
}

const controllers = new WeakMap<EditorView, Controller>();

/** Resolves the anchors again now (the threads or the active thread changed). */
export function refreshCommentHighlights(view: EditorView): void {
  controllers.get(view)?.refresh();
}

export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: 'commentHighlights',
  addOptions() {
    return { threads: () => [], activeId: () => null, onResolved: () => {}, onActivate: () => {} };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key: commentHighlightsKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const next = tr.getMeta(commentHighlightsKey) as DecorationSet | undefined;
            if (next) return next;
            return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
          }
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state),
          handleClick(view, pos) {
            const set = commentHighlightsKey.getState(view.state);
            const hit = set?.find(pos, pos, (spec: Partial<RangeSpec>) => typeof spec.threadId === 'string')[0];
            if (hit) options.onActivate((hit.spec as RangeSpec).threadId);
            return false;
          }
        },
        view(view) {
          let timer: ReturnType<typeof setTimeout> | undefined;
          let cancelIdle: (() => void) | undefined;
          let dirtySince = 0;
          const resolve = () => {
            timer = undefined;
            cancelIdle = undefined;
            dirtySince = 0;
            if (view.isDestroyed) return;
            // The Yjs mapping is up to date only after the sync plugin has seen the last change;
            // a pending DOM selection would be undone by this transaction.
            flushPendingSelection(view);
            const threads = options.threads();
            const statuses = resolveAnchors(view.state, threads);
            options.onResolved(statuses);
            const wanted = commentDecorations(view.state.doc, threads, statuses, options.activeId());
            const current = commentHighlightsKey.getState(view.state) ?? DecorationSet.empty;
            const next = updateDecorationSet(current, view.state.doc, wanted);
            if (next !== current) view.dispatch(view.state.tr.setMeta(commentHighlightsKey, next).setMeta('addToHistory', false));
          };
          const schedule = () => {
            const now = performance.now();
            dirtySince ||= now;
            const pending = timer !== undefined || cancelIdle !== undefined;
            if (pending && now - dirtySince >= RESOLVE_MAX_WAIT_MS) return;
            clearTimeout(timer);
            cancelIdle?.();
            cancelIdle = undefined;
            timer = setTimeout(() => {
              timer = undefined;
              cancelIdle = whenIdle(resolve);
            }, RESOLVE_DEBOUNCE_MS);
          };
          const refresh = () => {
            clearTimeout(timer);
            cancelIdle?.();
            timer = undefined;
            // After the current dispatch (refresh may be called from inside one).
            cancelIdle = whenIdle(resolve, 50);
          };
          controllers.set(view, { refresh });
          refresh();
          return {
            update(view, previous) {
              if (view.state.doc !== previous.doc && options.threads().length > 0) schedule();
            },
            destroy() {
              clearTimeout(timer);
              cancelIdle?.();
              controllers.delete(view);
            }
          };
        }
      })
    ];
  }
});
