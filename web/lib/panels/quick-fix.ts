// Applies a diagnostic's quick fix to the editor as one transaction, so it is shared live with
// collaborators and undone like any edit. Returns true, or a sentence saying why it could not.

import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection, type Transaction } from '@tiptap/pm/state';
import type { Diagnostic, Fix } from '../../../clauses/diagnostics';
import { ID_PREFIX, newId } from '../../../clauses/ids';
import { setClauseKind } from '../../../clauses/structure';

export function fixLabel(d: Diagnostic): string {
  return d.fix?.title ?? 'Fix';
}

interface Found {
  node: PMNode;
  pos: number;
}

function findNode(doc: PMNode, match: (node: PMNode) => boolean): Found | null {
  let found: Found | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (match(node)) {
      found = { node, pos };
      return false;
    }
    return true;
  });
  return found;
}

const byId = (type: string, id: string) => (node: PMNode) => node.type.name === type && node.attrs.id === id;

/**
 * The document position of a plain-text offset inside a textblock, counting as clauses/text
 * does: text by characters, a cross-reference as "[target]", a hard break as one character.
 */
export function textOffsetToPos(block: PMNode, blockPos: number, offset: number): number {
  let seen = 0;
  let result: number | null = null;
  block.forEach((child, childOffset) => {
    if (result !== null) return;
    const start = blockPos + 1 + childOffset;
    const length = child.isText
      ? child.text!.length
      : child.type.name === 'xref'
        ? `[${String(child.attrs.target)}]`.length
        : 1;
    if (offset <= seen + length) {
      // Inside an atom the only places are before and after it.
      result = child.isText ? start + (offset - seen) : offset === seen ? start : start + child.nodeSize;
    }
    seen += length;
  });
  return result ?? blockPos + block.nodeSize - 1;
}

function build(editor: Editor, fix: Fix): Transaction | string {
  const { state } = editor;
  const tr = state.tr;
  switch (fix.type) {
    case 'retag': {
      // Through the structure command, which refuses kinds the clause's place cannot hold.
      let retagged: Transaction | null = null;
      const allowed = setClauseKind(fix.clauseId, fix.kind)(state, (t) => (retagged = t));
      if (!allowed) return 'That clause cannot take this kind here.';
      return retagged ?? tr;
    }
    case 'replace-text': {
      const block = findNode(state.doc, (n) => n.isTextblock && n.attrs.id === fix.blockId);
      if (!block) return 'The paragraph is no longer in the document.';
      const from = textOffsetToPos(block.node, block.pos, fix.start);
      const to = textOffsetToPos(block.node, block.pos, fix.end);
      return fix.text ? tr.insertText(fix.text, from, to) : tr.delete(from, to);
    }
    case 'clear-label': {
      const paragraph = findNode(state.doc, byId('paragraph', fix.blockId));
      if (!paragraph) return 'The paragraph is no longer in the document.';
      return tr.setNodeMarkup(paragraph.pos, undefined, { ...paragraph.node.attrs, reqLabel: null });
    }
    case 'add-abbreviation':
      return addAbbreviation(editor, tr, fix.abbr);
    case 'fill-empty': {
      const clause = findNode(state.doc, byId('clause', fix.clauseId));
      if (!clause) return 'The clause is no longer in the document.';
      const paragraph = state.schema.nodes.paragraph!.create(
        { id: newId(ID_PREFIX.paragraph) },
        fix.text ? state.schema.text(fix.text) : null
      );
      const at = bodyEnd(clause.node, clause.pos);
      tr.insert(at, paragraph);
      return tr.setSelection(TextSelection.near(tr.doc.resolve(at + 1)));
    }
  }
}

/** Where a new body block goes: after the title and existing blocks, before the sub-clauses. */
function bodyEnd(clause: PMNode, pos: number): number {
  let at = pos + 1;
  clause.forEach((child, offset) => {
    if (child.type.name !== 'clause') at = pos + 1 + offset + child.nodeSize;
  });
  return at;
}

/** A new entry in clause 4, in alphabetical place, with the caret where the expansion goes. */
function addAbbreviation(editor: Editor, tr: Transaction, abbr: string): Transaction | string {
  const { state } = editor;
  const clause = findNode(state.doc, (n) => n.type.name === 'clause' && n.attrs.role === 'abbreviations');
  if (!clause) return 'The draft has no clause "Abbreviations and acronyms" to add the entry to.';
  // Before the first entry that sorts after it, else at the end of the clause's body.
  let first: number | null = null;
  clause.node.forEach((child, offset) => {
    if (first === null && child.type.name === 'abbreviationEntry' && String(child.attrs.abbr).localeCompare(abbr) > 0) {
      first = clause.pos + 1 + offset;
    }
  });
  const at = first ?? bodyEnd(clause.node, clause.pos);
  tr.insert(at, state.schema.nodes.abbreviationEntry!.create({ abbr }));
  return tr.setSelection(TextSelection.near(tr.doc.resolve(at + 1)));
}

export function applyQuickFix(editor: Editor, d: Diagnostic): true | string {
  if (!d.fix) return 'This problem has no automatic fix.';
  const built = build(editor, d.fix);
  if (typeof built === 'string') return built;
  editor.view.dispatch(built.scrollIntoView());
  editor.view.focus();
  return true;
}
