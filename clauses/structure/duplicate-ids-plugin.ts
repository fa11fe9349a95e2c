// Renames ids that a merge of co-authors' edits duplicated (see duplicate-ids.ts). It looks only
// at transactions that carry remote Yjs changes: local copies and pastes are the editor's
// stable-ids plugin's job, and it renames the pasted node, not the later one. Because the repair
// is deterministic, every client that sees the merged document writes the same new ids, so the
// clients agree instead of renaming each other's renames.

import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { duplicateIdFixes } from './duplicate-ids';

export const duplicateIdsKey = new PluginKey('clauseworkDuplicateIds');

/** Whether a transaction applies changes that came from the Y.Doc (co-authors, undo manager). */
export function isRemoteChange(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return meta?.isChangeOrigin === true;
}

export function duplicateIdsPlugin(): Plugin {
  return new Plugin({
    key: duplicateIdsKey,
    appendTransaction(transactions, _old, state) {
      if (!transactions.some((tr) => tr.docChanged && isRemoteChange(tr))) return null;
      const fixes = duplicateIdFixes(state.doc);
      if (fixes.length === 0) return null;
      const tr = state.tr;
      for (const fix of fixes) tr.setNodeAttribute(fix.pos, 'id', fix.to);
      return tr.setMeta('addToHistory', false);
    }
  });
}
