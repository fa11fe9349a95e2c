// A reader's editor (reviewer, observer) must not change the document by any route: typing is
// off (Tiptap `editable: false`), but paste, drop, commands and plugins that append transactions
// (stable ids, duplicate-id repair) could still dispatch changes, which the server would refuse
// and which would then sit in this browser as edits nobody else sees. Only changes that arrive
// from the shared document pass while the editor is not editable.

import { Extension } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { Plugin, PluginKey } from '@tiptap/pm/state';

export const readOnlyGuardKey = new PluginKey('clauseworkReadOnlyGuard');

export const ReadOnlyGuard = Extension.create({
  name: 'readOnlyGuard',
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: readOnlyGuardKey,
        filterTransaction: (tr) => !tr.docChanged || isChangeOrigin(tr) || editor.options.editable !== false
      })
    ];
  }
});
