// Builds the collaborative Tiptap editor over a provider's Y.Doc. The editor never sets initial
// content: the document comes from the server through the Y.Doc (the server seeds new standards),
// otherwise a restart or a second tab would insert the same content twice.

import { Editor, type AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Dropcursor, Gapcursor } from '@tiptap/extensions';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { schemaExtensions, YDOC_FIELD } from '../../../clauses/schema';
import type { LocalUser } from './user';
import { StableIds } from './extensions/stable-ids';

export interface CollabEditorOptions {
  element: HTMLElement;
  provider: HocuspocusProvider;
  user: LocalUser;
  /** Editing behaviour layered over the schema (numbering, kinds, shortcuts…). */
  extensions?: AnyExtension[];
  label: string;
  /** False for readers (reviewers, observers): the text cannot be changed from this editor. */
  editable?: boolean;
}

export function createCollabEditor(options: CollabEditorOptions): Editor {
  const { provider, user } = options;
  return new Editor({
    element: options.element,
    editable: options.editable ?? true,
    extensions: [
      ...schemaExtensions(),
      // Undo/redo come from here (Yjs UndoManager, local origin only): each user undoes their
      // own edits, never a co-author's. No ProseMirror history is loaded.
      Collaboration.configure({ document: provider.document, field: YDOC_FIELD }),
      CollaborationCaret.configure({ provider, user: { name: user.name, color: user.color } }),
      Dropcursor.configure({ color: '#1f4e8c', width: 2 }),
      Gapcursor,
      StableIds,
      ...(options.extensions ?? [])
    ],
    editorProps: {
      attributes: {
        class: 'cw-doc',
        'aria-label': options.label,
        spellcheck: 'true'
      }
    }
  });
}
