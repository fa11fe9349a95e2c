// Random edits over the real editor schema, for the randomized convergence test (in the style of
// Yjs's applyRandomTests: a list of "mods", each applied to one client's Y.Doc with a seeded
// PRNG). Every mod goes through ProseMirror, the schema and y-tiptap's updateYFragment, exactly as
// the editor writes its changes; structure edits use the editor's own commands.
//
// A mod is synchronous and only reads the client's own Y.Doc, so what it does depends only on the
// PRNG and on what that client has received: with deliveries at fixed points, a seed replays.
// Ids of new nodes come from the PRNG too (clauses/ids.ts would draw from crypto).

import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import { EditorState, type Command } from '@tiptap/pm/state';
import { canJoin } from '@tiptap/pm/transform';
import { KINDS, type Kind } from '../../clauses/model';
import {
  deleteClause,
  demoteClause,
  duplicateIdFixes,
  insertClauseAfter,
  insertSubclause,
  moveClause,
  moveClauseDown,
  moveClauseUp,
  promoteClause,
  setClauseKind,
  type DropPlace
} from '../../clauses/structure';
import { editDocument, documentNode } from './server';

export type PRNG = prng.PRNG;

/** What a mod works with: one client's document and the run's generator. */
export interface EditContext {
  doc: Y.Doc;
  gen: PRNG;
  /** A fresh id with this prefix ("c", "p", "n"), drawn from the run's generator. */
  newId(prefix: string): string;
}

/** A random edit; answers what it did (for the run's log), or null when it found nothing to do. */
export type Mod = (ctx: EditContext) => string | null;

/** A generator of ids unique within a run and repeatable for a seed. */
export function seededIds(gen: PRNG): (prefix: string) => string {
  let counter = 0;
  const run = prng.uint32(gen, 0, 0x7fffffff).toString(36);
  // The '_' sets them apart from ids clauses/ids.ts draws (letters and digits only).
  return (prefix) => `${prefix}-${run}_${(++counter).toString(36)}`;
}

// ---------------------------------------------------------------- reading the document

interface Located {
  node: PMNode;
  pos: number;
  parent: PMNode;
}

/** Every node of the document matching `keep`, with its position and parent. */
function nodesWhere(doc: PMNode, keep: (node: PMNode, parent: PMNode) => boolean): Located[] {
  const out: Located[] = [];
  doc.descendants((node, pos, parent) => {
    if (parent && keep(node, parent)) out.push({ node, pos, parent });
    return true;
  });
  return out;
}

const textblocks = (doc: PMNode) => nodesWhere(doc, (node) => node.isTextblock);
const paragraphs = (doc: PMNode) => nodesWhere(doc, (node) => node.type.name === 'paragraph');
const clauseIds = (doc: PMNode): string[] =>
  nodesWhere(doc, (node) => node.type.name === 'clause' && typeof node.attrs.id === 'string').map((c) => String(c.node.attrs.id));

function pick<T>(gen: PRNG, items: readonly T[]): T | undefined {
  return items.length ? prng.oneOf(gen, items as T[]) : undefined;
}

// ---------------------------------------------------------------- text

/** Mostly ASCII words; now and then accents, a non-BMP emoji, a tab or characters Markdown and HTML care about. */
function randomText(gen: PRNG): string {
  const roll = prng.int31(gen, 0, 99);
  if (roll < 70) return prng.word(gen, 1, 8);
  if (roll < 80) return ` ${prng.word(gen, 1, 5)} `;
  if (roll < 88) return prng.oneOf(gen, ['é', 'ß', 'Ω', '中文', 'naïve']);
  if (roll < 94) return prng.oneOf(gen, ['😀', '👩‍🔬', '𝔸']);
  return prng.oneOf(gen, ['<b>', '*', '\t', '"', '&amp;', '[x]']);
}

/** A random range [from, to] inside a textblock's content, not cutting a surrogate pair in two. */
function randomRange(gen: PRNG, block: Located): { from: number; to: number } {
  const size = block.node.content.size;
  const a = prng.int31(gen, 0, size);
  const b = Math.min(size, a + prng.int31(gen, 0, Math.max(0, Math.min(12, size - a))));
  const start = block.pos + 1;
  return { from: snap(block.node, a) + start, to: snap(block.node, b) + start };
}

/**
 * Moves an offset inside a textblock off the middle of a surrogate pair (the editor's selection
 * never lands there either).
 */
function snap(block: PMNode, offset: number): number {
  if (offset <= 0 || offset >= block.content.size) return offset;
  const found = block.childBefore(offset);
  const child = found.node;
  if (!child?.isText) return offset;
  const at = offset - found.offset;
  const code = child.text!.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff && at > 0 ? offset - 1 : offset;
}

/** Text nodes allowed in a block: marks only where its content allows them. */
function textFor(schema: Schema, block: PMNode, text: string, bold: boolean): PMNode {
  const mark = schema.marks.bold;
  return bold && mark && block.type.allowsMarkType(mark) ? schema.text(text, [mark.create()]) : schema.text(text);
}

const insertText: Mod = ({ doc, gen }) => {
  let did: string | null = null;
  editDocument(doc, (tr) => {
    const block = pick(gen, textblocks(tr.doc));
    if (!block) return;
    const at = block.pos + 1 + snap(block.node, prng.int31(gen, 0, block.node.content.size));
    const text = randomText(gen);
    tr.insert(at, textFor(tr.doc.type.schema, block.node, text, prng.int31(gen, 0, 9) === 0));
    did = `insert ${JSON.stringify(text)} at ${at} in ${block.node.type.name}`;
  });
  return did;
};

const deleteText: Mod = ({ doc, gen }) => {
  let did: string | null = null;
  editDocument(doc, (tr) => {
    const block = pick(gen, textblocks(tr.doc).filter((b) => b.node.content.size > 0));
    if (!block) return;
    const { from, to } = randomRange(gen, block);
    if (from === to) return;
    tr.delete(from, to);
    did = `delete ${from}-${to} in ${block.node.type.name}`;
  });
  return did;
};

const replaceText: Mod = ({ doc, gen }) => {
  let did: string | null = null;
  editDocument(doc, (tr) => {
    const block = pick(gen, textblocks(tr.doc).filter((b) => b.node.content.size > 0));
    if (!block) return;
    const { from, to } = randomRange(gen, block);
    const text = randomText(gen);
    tr.replaceWith(from, to, textFor(tr.doc.type.schema, block.node, text, false));
    did = `replace ${from}-${to} with ${JSON.stringify(text)}`;
  });
  return did;
};

const toggleBold: Mod = ({ doc, gen }) => {
  let did: string | null = null;
  editDocument(doc, (tr) => {
    const bold = tr.doc.type.schema.marks.bold!;
    const block = pick(gen, paragraphs(tr.doc).filter((b) => b.node.content.size > 0));
    if (!block) return;
    const { from, to } = randomRange(gen, block);
    if (from === to) return;
    const on = prng.bool(gen);
    if (on) tr.addMark(from, to, bold.create());
    else tr.removeMark(from, to, bold);
    did = `${on ? 'bold' : 'unbold'} ${from}-${to}`;
  });
  return did;
};

// ---------------------------------------------------------------- blocks

/** Enter in the middle of a paragraph: the second half gets a fresh id, as keepOnSplit says. */
const splitParagraph: Mod = ({ doc, gen, newId }) => {
  let did: string | null = null;
  editDocument(doc, (tr) => {
    const block = pick(gen, paragraphs(tr.doc));
    if (!block) return;
    const at = block.pos + 1 + snap(block.node, prng.int31(gen, 0, block.node.content.size));
    const id = newId('p');
    tr.split(at, 1, [{ type: block.node.type, attrs: { id } }]);
    did = `split paragraph at ${at} (new ${id})`;
  });
  return did;
};

/** Backspace at the start of a paragraph that follows another. */
const joinParagraphs: Mod = ({ doc, gen }) => {
  let did: string | null = null;
  editDocument(doc, (tr) => {
    const joinable = paragraphs(tr.doc).filter(({ pos }) => {
      const before = tr.doc.resolve(pos).nodeBefore;
      return before?.type.name === 'paragraph' && canJoin(tr.doc, pos);
    });
    const block = pick(gen, joinable);
    if (!block) return;
    tr.join(block.pos);
    did = `join paragraphs at ${block.pos}`;
  });
  return did;
};

/** Deletes a paragraph that sits directly in a clause (notes and list items need theirs). */
const deleteParagraph: Mod = ({ doc, gen }) => {
  let did: string | null = null;
  editDocument(doc, (tr) => {
    const block = pick(gen, paragraphs(tr.doc).filter((p) => p.parent.type.name === 'clause'));
    if (!block) return;
    tr.delete(block.pos, block.pos + block.node.nodeSize);
    did = `delete paragraph ${String(block.node.attrs.id)}`;
  });
  return did;
};

/** A new paragraph, note or bullet list after a paragraph of a clause. */
const insertBlock: Mod = ({ doc, gen, newId }) => {
  let did: string | null = null;
  editDocument(doc, (tr) => {
    const schema = tr.doc.type.schema;
    const block = pick(gen, paragraphs(tr.doc).filter((p) => p.parent.type.name === 'clause'));
    if (!block) return;
    const text = prng.word(gen, 1, 8);
    const paragraph = () => schema.node('paragraph', { id: newId('p') }, [schema.text(text)]);
    const kind = prng.oneOf(gen, ['paragraph', 'paragraph', 'note', 'bulletList']);
    const node =
      kind === 'note'
        ? schema.node('note', { id: newId('n') }, [paragraph()])
        : kind === 'bulletList'
          ? schema.node('bulletList', null, [schema.node('listItem', null, [paragraph()])])
          : paragraph();
    const at = block.pos + block.node.nodeSize;
    tr.insert(at, node);
    did = `insert ${kind} at ${at}`;
  });
  return did;
};

// ---------------------------------------------------------------- structure and tags

/** Runs one of the editor's commands against the client's document. */
export function runCommand(doc: Y.Doc, command: Command): boolean {
  let dispatched = false;
  editDocument(doc, (tr) => {
    const state = EditorState.create({ doc: tr.doc });
    command(state, (result) => {
      dispatched = result.docChanged;
      result.steps.forEach((step) => tr.step(step));
    });
  });
  return dispatched;
}

function structureMod(name: string, make: (ctx: EditContext, id: string, ids: string[]) => Command): Mod {
  return (ctx) => {
    const ids = clauseIds(documentNode(ctx.doc));
    const id = pick(ctx.gen, ids);
    if (!id) return null;
    return runCommand(ctx.doc, make(ctx, id, ids)) ? `${name} ${id}` : null;
  };
}

const structureMods: Mod[] = [
  structureMod('insert clause after', ({ newId }, id) => insertClauseAfter(id, { id: newId('c'), paragraphId: newId('p'), title: 'New' })),
  structureMod('insert sub-clause in', ({ newId }, id) => insertSubclause(id, { id: newId('c'), paragraphId: newId('p'), title: 'Sub' })),
  structureMod('promote', (_ctx, id) => promoteClause(id)),
  structureMod('demote', (_ctx, id) => demoteClause(id)),
  structureMod('move up', (_ctx, id) => moveClauseUp(id)),
  structureMod('move down', (_ctx, id) => moveClauseDown(id)),
  structureMod('delete clause', (_ctx, id) => deleteClause(id)),
  structureMod('drag', ({ gen }, id, ids) => moveClause(id, pick(gen, ids)!, prng.oneOf<DropPlace>(gen, ['before', 'after', 'inside'])))
];

const setKind: Mod = (ctx) => {
  const id = pick(ctx.gen, clauseIds(documentNode(ctx.doc)));
  if (!id) return null;
  const kind = prng.oneOf<Kind | null>(ctx.gen, [...KINDS, null]);
  return runCommand(ctx.doc, setClauseKind(id, kind)) ? `tag ${id} ${String(kind)}` : null;
};

// ---------------------------------------------------------------- the mods

/** Weighted like a drafting session: mostly typing, some structure, a few tags. */
export const EDIT_MODS: readonly { weight: number; mod: Mod }[] = [
  { weight: 30, mod: insertText },
  { weight: 10, mod: deleteText },
  { weight: 6, mod: replaceText },
  { weight: 3, mod: toggleBold },
  { weight: 4, mod: splitParagraph },
  { weight: 2, mod: joinParagraphs },
  { weight: 2, mod: deleteParagraph },
  { weight: 3, mod: insertBlock },
  ...structureMods.map((mod) => ({ weight: 2.5, mod })),
  { weight: 4, mod: setKind }
];

/** One mod, chosen by weight. */
export function pickMod(gen: PRNG): Mod {
  const total = EDIT_MODS.reduce((sum, m) => sum + m.weight, 0);
  let roll = prng.real53(gen) * total;
  for (const m of EDIT_MODS) {
    roll -= m.weight;
    if (roll < 0) return m.mod;
  }
  return EDIT_MODS[EDIT_MODS.length - 1]!.mod;
}

/** A random clause id in the client's current view, for anchoring a comment. */
export function randomClauseId(doc: Y.Doc, gen: PRNG): string | undefined {
  return pick(gen, clauseIds(documentNode(doc)));
}

/**
 * What the editor's duplicate-ids plugin does when remote changes arrive: renames every later
 * occurrence of an id (concurrent moves of one clause leave two copies). Answers how many.
 */
export function repairDuplicateIds(doc: Y.Doc): number {
  let count = 0;
  editDocument(doc, (tr) => {
    const fixes = duplicateIdFixes(tr.doc);
    count = fixes.length;
    for (const fix of fixes) tr.setNodeAttribute(fix.pos, 'id', fix.to);
  });
  return count;
}
