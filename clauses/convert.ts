// Conversions between the editor's document (ProseMirror JSON or a Y.Doc) and the `Standard`.
//
// Where metadata lives: the Y.Doc's 'meta' map holds the fields a working group edits together
// in the editor (COLLAB_META_FIELDS: convention, requirementPattern, version, date); the server's
// database holds the rest (id, title, designation, series, studyGroup). Reading a Y.Doc therefore
// takes the database's metadata and overlays the map's values.
//
// What does not survive a round trip, because the editor schema cannot hold it: marks and
// cross-references in clause titles and captions (kept as plain text), bold or italic together
// with code (code alone is kept: the editor's code mark excludes others), several paragraphs in one
// table cell (joined with line breaks), cell spans, an ordered list's start number.

import { Fragment, Node as PMNode, type Mark as PMMark, type Schema } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import {
  CLAUSE_ROLES,
  CONVENTIONS,
  KINDS,
  type Block,
  type Check,
  type Clause,
  type ClauseRole,
  type Inline,
  type Kind,
  type Mark,
  type Standard,
  type StandardMeta
} from './model';
import { clauseSchema, YDOC_FIELD, YDOC_META } from './schema';
import { inlineText } from './text';

/** ProseMirror's JSON form of a node, as `editor.getJSON()` returns it. */
export interface PMJSON {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMJSON[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

/** The document or the standard cannot be converted; the message names what is wrong. */
export class ConversionError extends Error {
  override name = 'ConversionError';
}

/** Metadata fields edited collaboratively, kept in the Y.Doc's 'meta' map. */
export const COLLAB_META_FIELDS = ['convention', 'requirementPattern', 'version', 'date'] as const;
export type CollabMeta = Pick<StandardMeta, (typeof COLLAB_META_FIELDS)[number]>;

const MARKS: readonly Mark[] = ['bold', 'italic', 'code'];

// ---------------------------------------------------------------- editor -> Standard

/** A ProseMirror document (JSON or node) as a `Standard`. Throws ConversionError when invalid. */
export function docToStandard(doc: PMJSON | PMNode, meta: StandardMeta): Standard {
  const node = doc instanceof PMNode ? doc : parseDoc(doc);
  const clauses: Clause[] = [];
  node.forEach((child, _o, i) => clauses.push(readClause(child, [i], readClause)));
  return { meta, clauses };
}

/**
 * An incremental docToStandard for an editor that converts on every keystroke. ProseMirror
 * shares unchanged nodes between document versions, so a clause node seen before (at the same
 * place) gives back the very same `Clause` object: conversion costs only what changed, and
 * consumers can skip unchanged clauses by identity. The results are shared: never mutate them.
 */
export function createDocConverter(): (doc: PMNode, meta: StandardMeta) => Standard {
  const cache = new WeakMap<PMNode, { at: string; clause: Clause }>();
  const cached: ClauseReader = (node, path) => {
    const at = path.join('.');
    const hit = cache.get(node);
    if (hit && hit.at === at) return hit.clause;
    const clause = readClause(node, path, cached);
    cache.set(node, { at, clause });
    return clause;
  };
  return (doc, meta) => {
    const clauses: Clause[] = [];
    doc.forEach((child, _o, i) => clauses.push(cached(child, [i], cached)));
    return { meta, clauses };
  };
}

type ClauseReader = (node: PMNode, path: number[], read: ClauseReader) => Clause;

function parseDoc(json: PMJSON): PMNode {
  if (!json || typeof json !== 'object' || json.type !== 'doc') {
    throw new ConversionError('not an editor document: the top node must have type "doc"');
  }
  try {
    const node = PMNode.fromJSON(clauseSchema(), json);
    node.check();
    return node;
  } catch (err) {
    throw new ConversionError(`invalid editor document: ${(err as Error).message}`);
  }
}

/**
 * A node without an id (content written before ids existed, or by a client that has not yet
 * assigned one) gets one derived from its position, so converting the same document twice gives
 * the same ids. The editor's id plugin assigns real ids, which then win.
 */
function idOf(node: PMNode, prefix: string, path: number[]): string {
  const id = node.attrs.id;
  return typeof id === 'string' && id !== '' ? id : `${prefix}-at-${path.join('-')}`;
}

function readClause(node: PMNode, path: number[], read: ClauseReader): Clause {
  if (node.type.name !== 'clause') {
    throw new ConversionError(`expected a clause at ${path.join('.')}, found ${node.type.name}`);
  }
  const id = idOf(node, 'c', path);
  const role = node.attrs.role ?? 'body';
  if (!CLAUSE_ROLES.includes(role)) {
    throw new ConversionError(`clause ${id} has an unknown role "${String(role)}"`);
  }
  const kind = node.attrs.kind ?? null;
  if (kind !== null && !KINDS.includes(kind)) {
    throw new ConversionError(`clause ${id} has an unknown kind "${String(kind)}"`);
  }
  const clause: Clause = {
    id,
    role: role as ClauseRole,
    kind: kind as Kind | null,
    title: [],
    blocks: [],
    children: []
  };
  node.forEach((child, _o, i) => {
    const at = [...path, i];
    if (child.type.name === 'clauseTitle') clause.title = plainInlines(child.textContent);
    else if (child.type.name === 'clause') clause.children.push(read(child, at, read));
    else clause.blocks.push(readBlock(child, at));
  });
  return clause;
}

function plainInlines(text: string): Inline[] {
  return text ? [{ type: 'text', text }] : [];
}

function readInlines(node: PMNode): Inline[] {
  const out: Inline[] = [];
  node.forEach((child) => {
    if (child.isText) {
      const marks = readMarks(child.marks);
      out.push(marks.length ? { type: 'text', text: child.text ?? '', marks } : { type: 'text', text: child.text ?? '' });
    } else if (child.type.name === 'xref') {
      out.push({ type: 'xref', target: String(child.attrs.target ?? '') });
    } else if (child.type.name === 'hardBreak') {
      out.push({ type: 'break' });
    }
  });
  return out;
}

function readMarks(marks: readonly PMMark[]): Mark[] {
  return MARKS.filter((m) => marks.some((pm) => pm.type.name === m));
}

function readBlocks(node: PMNode, path: number[]): Block[] {
  const out: Block[] = [];
  node.forEach((child, _o, i) => out.push(readBlock(child, [...path, i])));
  return out;
}

function readBlock(node: PMNode, path: number[]): Block {
  const a = node.attrs;
  switch (node.type.name) {
    case 'paragraph':
      return readParagraph(node, path);
    case 'bulletList':
    case 'orderedList': {
      const items: Block[][] = [];
      node.forEach((item, _o, i) => items.push(readBlocks(item, [...path, i])));
      return { type: 'list', ordered: node.type.name === 'orderedList', items };
    }
    case 'note':
    case 'example':
      return { type: node.type.name, id: idOf(node, node.type.name[0]!, path), content: readBlocks(node, path) };
    case 'tableFigure':
      return readTable(node, path);
    case 'figure':
      return {
        type: 'figure',
        id: idOf(node, 'f', path),
        caption: readInlines(node.firstChild!),
        src: String(a.src ?? ''),
        alt: String(a.alt ?? '')
      };
    case 'codeBlock':
      return { type: 'code', id: idOf(node, 'k', path), language: String(a.language ?? ''), text: node.textContent };
    case 'termEntry':
      return {
        type: 'term',
        id: idOf(node, 'd', path),
        term: String(a.term ?? ''),
        source: String(a.source ?? ''),
        definition: readInlines(node)
      };
    case 'abbreviationEntry':
      return { type: 'abbreviation', abbr: String(a.abbr ?? ''), expansion: node.textContent };
    case 'referenceEntry':
      return { type: 'reference', id: idOf(node, 'r', path), tag: String(a.tag ?? ''), content: readInlines(node) };
    default:
      throw new ConversionError(`unexpected ${node.type.name} at ${path.join('.')}`);
  }
}

function readParagraph(node: PMNode, path: number[]): Block {
  const block: Block = { type: 'paragraph', id: idOf(node, 'p', path), content: readInlines(node) };
  const label = node.attrs.reqLabel;
  const checks = node.attrs.checks;
  if ((typeof label === 'string' && label !== '') || Array.isArray(checks)) {
    block.requirement = {};
    if (typeof label === 'string' && label !== '') block.requirement.label = label;
    if (Array.isArray(checks)) block.requirement.checks = structuredClone(checks) as Check[];
  }
  return block;
}

function readTable(node: PMNode, path: number[]): Block {
  const caption = readInlines(node.child(0));
  const table = node.child(1);
  const rows: Inline[][][] = [];
  let header = table.childCount > 0;
  table.forEach((row, _o, r) => {
    const cells: Inline[][] = [];
    row.forEach((cell) => {
      if (r === 0 && cell.type.name !== 'tableHeader') header = false;
      cells.push(readCell(cell));
    });
    if (r === 0 && row.childCount === 0) header = false;
    rows.push(cells);
  });
  return { type: 'table', id: idOf(node, 't', path), caption, header, rows };
}

function readCell(cell: PMNode): Inline[] {
  const out: Inline[] = [];
  cell.forEach((block, _o, i) => {
    if (i > 0) out.push({ type: 'break' });
    if (block.type.name === 'paragraph') out.push(...readInlines(block));
    else out.push(...plainInlines(block.textContent));
  });
  return out;
}

// ---------------------------------------------------------------- Standard -> editor

/** A `Standard` as ProseMirror JSON. Throws ConversionError when the schema cannot hold it. */
export function standardToDoc(std: Standard): PMJSON {
  return standardToNode(std).toJSON() as PMJSON;
}

/** A `Standard` as a checked ProseMirror document node. */
export function standardToNode(std: Standard): PMNode {
  if (!std || !Array.isArray(std.clauses) || std.clauses.length === 0) {
    throw new ConversionError('a standard needs at least one clause');
  }
  const schema = clauseSchema();
  const doc = schema.node('doc', null, std.clauses.map((c) => writeClause(schema, c)));
  try {
    doc.check();
  } catch (err) {
    throw new ConversionError(`the standard does not fit the editor schema: ${(err as Error).message}`);
  }
  return doc;
}

function writeClause(schema: Schema, clause: Clause): PMNode {
  const title = schema.node('clauseTitle', null, textNodes(schema, inlineText(clause.title).replace(/\n/g, ' ')));
  return schema.node('clause', { id: clause.id, role: clause.role, kind: clause.kind }, [
    title,
    ...clause.blocks.map((b) => writeBlock(schema, b, clause.id)),
    ...clause.children.map((c) => writeClause(schema, c))
  ]);
}

function textNodes(schema: Schema, text: string, marks: readonly PMMark[] = []): PMNode[] {
  return text ? [schema.text(text, marks)] : [];
}

function writeInlines(schema: Schema, inlines: Inline[], allowed: readonly Mark[] = MARKS): PMNode[] {
  const out: PMNode[] = [];
  for (const inline of inlines) {
    if (inline.type === 'text') {
      let names = (inline.marks ?? []).filter((m) => allowed.includes(m));
      // The code mark excludes every other mark in the editor (Tiptap's Code), so it wins alone.
      if (names.includes('code')) names = ['code'];
      const marks = names.map((m) => schema.mark(m));
      out.push(...textNodes(schema, inline.text, marks));
    } else if (inline.type === 'xref') {
      out.push(schema.node('xref', { target: inline.target }));
    } else {
      out.push(schema.node('hardBreak'));
    }
  }
  return out;
}

/** Captions take bold and italic only, and plain text in place of cross-references. */
function writeCaption(schema: Schema, inlines: Inline[]): PMNode {
  const flat: Inline[] = inlines.map((i) =>
    i.type === 'text' ? i : { type: 'text', text: inlineText([i]).replace(/\n/g, ' ') }
  );
  return schema.node('caption', null, writeInlines(schema, flat, ['bold', 'italic']));
}

function writeParagraph(schema: Schema, block: Extract<Block, { type: 'paragraph' }>): PMNode {
  const req = block.requirement;
  return schema.node(
    'paragraph',
    { id: block.id, reqLabel: req?.label ?? null, checks: req?.checks ? structuredClone(req.checks) : null },
    writeInlines(schema, block.content)
  );
}

function writeBlock(schema: Schema, block: Block, where: string): PMNode {
  switch (block.type) {
    case 'paragraph':
      return writeParagraph(schema, block);
    case 'list':
      return schema.node(
        block.ordered ? 'orderedList' : 'bulletList',
        null,
        block.items.map((item) => writeListItem(schema, item, where))
      );
    case 'note':
    case 'example':
      return schema.node(block.type, { id: block.id }, block.content.map((b) => {
        if (b.type !== 'paragraph') {
          throw new ConversionError(`${block.type} ${block.id} in clause ${where} may hold only paragraphs, found ${b.type}`);
        }
        return writeParagraph(schema, b);
      }));
    case 'table':
      return writeTable(schema, block, where);
    case 'figure':
      return schema.node('figure', { id: block.id, src: block.src, alt: block.alt }, [writeCaption(schema, block.caption)]);
    case 'code':
      return schema.node('codeBlock', { id: block.id, language: block.language || null }, textNodes(schema, block.text));
    case 'term':
      return schema.node('termEntry', { id: block.id, term: block.term, source: block.source }, writeInlines(schema, block.definition));
    case 'abbreviation':
      return schema.node('abbreviationEntry', { abbr: block.abbr }, textNodes(schema, block.expansion));
    case 'reference':
      return schema.node('referenceEntry', { id: block.id, tag: block.tag }, writeInlines(schema, block.content));
    default:
      throw new ConversionError(`unknown block type "${(block as { type: string }).type}" in clause ${where}`);
  }
}

function writeListItem(schema: Schema, item: Block[], where: string): PMNode {
  if (item[0]?.type !== 'paragraph') {
    throw new ConversionError(`a list item in clause ${where} must start with a paragraph`);
  }
  return schema.node('listItem', null, item.map((b) => writeBlock(schema, b, where)));
}

function writeTable(schema: Schema, block: Extract<Block, { type: 'table' }>, where: string): PMNode {
  if (block.rows.length === 0) {
    throw new ConversionError(`table ${block.id} in clause ${where} has no rows`);
  }
  const rows = block.rows.map((row, r) =>
    schema.node(
      'tableRow',
      null,
      row.map((cell) =>
        schema.node(block.header && r === 0 ? 'tableHeader' : 'tableCell', null, [
          schema.node('paragraph', null, writeInlines(schema, cell))
        ])
      )
    )
  );
  return schema.node('tableFigure', { id: block.id }, [
    writeCaption(schema, block.caption),
    schema.node('table', null, rows)
  ]);
}

// ---------------------------------------------------------------- Y.Doc

/** The collaborative metadata held in a Y.Doc's 'meta' map; fields absent or invalid are left out. */
export function readCollabMeta(ydoc: Y.Doc): Partial<CollabMeta> {
  const map = ydoc.getMap<unknown>(YDOC_META);
  const out: Partial<CollabMeta> = {};
  const convention = map.get('convention');
  if (typeof convention === 'string' && (CONVENTIONS as readonly string[]).includes(convention)) {
    out.convention = convention as CollabMeta['convention'];
  }
  for (const key of ['requirementPattern', 'version', 'date'] as const) {
    const value = map.get(key);
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** Writes the collaborative metadata into a Y.Doc's 'meta' map, in one transaction. */
export function writeCollabMeta(ydoc: Y.Doc, meta: Partial<CollabMeta>): void {
  const map = ydoc.getMap<unknown>(YDOC_META);
  ydoc.transact(() => {
    for (const key of COLLAB_META_FIELDS) {
      const value = meta[key];
      if (value !== undefined && map.get(key) !== value) map.set(key, value);
    }
  });
}

/** The Y.Doc's document as a checked ProseMirror node (unknown nodes are dropped by y-tiptap). */
export function ydocToNode(ydoc: Y.Doc): PMNode {
  return yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(YDOC_FIELD), clauseSchema());
}

/**
 * A Y.Doc as a `Standard`: `meta` is what the server's database holds; the Y.Doc's 'meta' map
 * overrides the collaborative fields.
 */
export function ydocToStandard(ydoc: Y.Doc, meta: StandardMeta): Standard {
  return docToStandard(ydocToNode(ydoc), { ...meta, ...readCollabMeta(ydoc) });
}

/**
 * Writes a `Standard` into a Y.Doc (the document fragment and the collaborative metadata), in
 * one transaction. An empty Y.Doc is seeded; a non-empty one is updated to match, by difference.
 */
export function applyStandardToYdoc(ydoc: Y.Doc, std: Standard): void {
  const node = standardToNode(std);
  ydoc.transact(() => {
    prosemirrorToYXmlFragment(node, ydoc.getXmlFragment(YDOC_FIELD));
    writeCollabMeta(ydoc, std.meta);
  });
}

/** A new Y.Doc holding a `Standard`. */
export function standardToYdoc(std: Standard): Y.Doc {
  const ydoc = new Y.Doc();
  applyStandardToYdoc(ydoc, std);
  return ydoc;
}

/** Fragment helper for callers that build content for insertion (structure commands, paste). */
export function blocksToFragment(blocks: Block[], where = 'inserted content'): Fragment {
  const schema = clauseSchema();
  return Fragment.fromArray(blocks.map((b) => writeBlock(schema, b, where)));
}
