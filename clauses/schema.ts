// The editor schema: one definition shared by the browser editor and the server (seeding,
// conversion to the `Standard`, validation). The web app may extend these nodes with node views
// and commands, but must not change their names, attributes or content expressions.
//
// A document is a sequence of top-level clauses; a clause holds its title, its body blocks and
// its sub-clauses, so the tree of the standard is the tree of the document. Numbers are never
// stored: they are computed from the tree (clauses/numbering).

import { Node, getSchema, mergeAttributes, type AnyExtension } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Text from '@tiptap/extension-text';
import Paragraph from '@tiptap/extension-paragraph';
import Bold from '@tiptap/extension-bold';
import Italic from '@tiptap/extension-italic';
import Code from '@tiptap/extension-code';
import HardBreak from '@tiptap/extension-hard-break';
import CodeBlock from '@tiptap/extension-code-block';
import { BulletList, OrderedList, ListItem } from '@tiptap/extension-list';
import { Table, TableRow, TableCell, TableHeader } from '@tiptap/extension-table';
import type { Schema } from '@tiptap/pm/model';

/** Bumped whenever a stored document would need migrating (Tiptap drops unknown nodes). */
export const SCHEMA_VERSION = 1;

/** The Y.Doc field that holds the ProseMirror document. */
export const YDOC_FIELD = 'default';
/** The Y.Map in the same Y.Doc that holds collaboratively edited metadata (convention, …). */
export const YDOC_META = 'meta';

function jsonAttr(name: string, fallback: unknown) {
  return {
    default: fallback,
    parseHTML: (el: HTMLElement) => {
      const raw = el.getAttribute(`data-${name}`);
      if (!raw) return fallback;
      try {
        return JSON.parse(raw);
      } catch {
        return fallback;
      }
    },
    renderHTML: (attrs: Record<string, unknown>) =>
      attrs[name] == null ? {} : { [`data-${name}`]: JSON.stringify(attrs[name]) }
  };
}

function stringAttr(name: string, fallback: string | null = null) {
  return {
    default: fallback,
    parseHTML: (el: HTMLElement) => el.getAttribute(`data-${name}`) ?? fallback,
    renderHTML: (attrs: Record<string, unknown>) =>
      attrs[name] == null ? {} : { [`data-${name}`]: String(attrs[name]) }
  };
}

export const ClauseDocument = Document.extend({ content: 'clause+' });

export const ClauseNode = Node.create({
  name: 'clause',
  content: 'clauseTitle block* clause*',
  defining: true,
  isolating: true,
  addAttributes() {
    return {
      id: stringAttr('id'),
      role: stringAttr('role', 'body'),
      kind: stringAttr('kind')
    };
  },
  parseHTML: () => [{ tag: 'section[data-type="clause"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'section',
    mergeAttributes(HTMLAttributes, { 'data-type': 'clause' }),
    0
  ]
});

export const ClauseTitle = Node.create({
  name: 'clauseTitle',
  content: 'text*',
  marks: '',
  defining: true,
  parseHTML: () => [{ tag: 'h2[data-type="clause-title"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'h2',
    mergeAttributes(HTMLAttributes, { 'data-type': 'clause-title' }),
    0
  ]
});

/** Paragraphs carry a stable id and, when they state a requirement, its label and checks. */
export const ClauseParagraph = Paragraph.extend({
  addAttributes() {
    // Splitting a paragraph (Enter) must not copy its id, label or checks to the new half.
    return {
      id: { ...stringAttr('id'), keepOnSplit: false },
      reqLabel: { ...stringAttr('req-label'), keepOnSplit: false },
      checks: { ...jsonAttr('checks', null), keepOnSplit: false }
    };
  }
});

/** Code/ASN.1 blocks carry a stable id like every other block that can be pointed at. */
export const ClauseCodeBlock = CodeBlock.extend({
  addAttributes() {
    return { ...this.parent?.(), id: { ...stringAttr('id'), keepOnSplit: false } };
  }
});

function boxedBlock(name: 'note' | 'example') {
  return Node.create({
    name,
    group: 'block',
    content: 'paragraph+',
    defining: true,
    addAttributes: () => ({ id: stringAttr('id') }),
    parseHTML: () => [{ tag: `aside[data-type="${name}"]` }],
    renderHTML: ({ HTMLAttributes }) => [
      'aside',
      mergeAttributes(HTMLAttributes, { 'data-type': name }),
      0
    ]
  });
}
export const Note = boxedBlock('note');
export const Example = boxedBlock('example');

export const Caption = Node.create({
  name: 'caption',
  content: 'text*',
  marks: 'bold italic',
  parseHTML: () => [{ tag: 'div[data-type="caption"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'div',
    mergeAttributes(HTMLAttributes, { 'data-type': 'caption' }),
    0
  ]
});

/** A numbered table: its caption (above, as ITU prints it) and the table itself. */
export const TableFigure = Node.create({
  name: 'tableFigure',
  group: 'block',
  content: 'caption table',
  defining: true,
  addAttributes: () => ({ id: stringAttr('id') }),
  parseHTML: () => [{ tag: 'figure[data-type="table"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'figure',
    mergeAttributes(HTMLAttributes, { 'data-type': 'table' }),
    0
  ]
});

/** A numbered figure: an image reference and its caption (below, as ITU prints it). */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  content: 'caption',
  defining: true,
  addAttributes: () => ({
    id: stringAttr('id'),
    src: stringAttr('src', ''),
    alt: stringAttr('alt', '')
  }),
  parseHTML: () => [{ tag: 'figure[data-type="figure"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'figure',
    mergeAttributes(HTMLAttributes, { 'data-type': 'figure' }),
    0
  ]
});

/** Clause 3 entries: "3.2.1 term [source]: definition". */
export const TermEntry = Node.create({
  name: 'termEntry',
  group: 'block',
  content: 'inline*',
  addAttributes: () => ({
    id: stringAttr('id'),
    term: stringAttr('term', ''),
    source: stringAttr('source', '')
  }),
  parseHTML: () => [{ tag: 'p[data-type="term"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'p',
    mergeAttributes(HTMLAttributes, { 'data-type': 'term' }),
    0
  ]
});

/** Clause 4 entries: "ABBR<tab>Expansion"; the content is the expansion. */
export const AbbreviationEntry = Node.create({
  name: 'abbreviationEntry',
  group: 'block',
  content: 'text*',
  marks: '',
  addAttributes: () => ({ abbr: stringAttr('abbr', '') }),
  parseHTML: () => [{ tag: 'p[data-type="abbreviation"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'p',
    mergeAttributes(HTMLAttributes, { 'data-type': 'abbreviation' }),
    0
  ]
});

/** Clause 2 and Bibliography entries: "[TAG]<tab>citation". */
export const ReferenceEntry = Node.create({
  name: 'referenceEntry',
  group: 'block',
  content: 'inline*',
  addAttributes: () => ({ id: stringAttr('id'), tag: stringAttr('tag', '') }),
  parseHTML: () => [{ tag: 'p[data-type="reference"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'p',
    mergeAttributes(HTMLAttributes, { 'data-type': 'reference' }),
    0
  ]
});

/** A cross-reference to a clause, requirement, term, table or figure, by stable id. */
export const CrossReference = Node.create({
  name: 'xref',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes: () => ({ target: stringAttr('target', '') }),
  parseHTML: () => [{ tag: 'a[data-type="xref"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'a',
    mergeAttributes(HTMLAttributes, { 'data-type': 'xref' })
  ],
  renderText: ({ node }) => `[${String(node.attrs.target)}]`
});

/** Tables only appear inside a captioned tableFigure, so every table is numbered. */
export const ClauseTable = Table.extend({ group: '' });

/** The schema's extensions, without editing behaviour (history, collaboration, keymaps). */
export function schemaExtensions(): AnyExtension[] {
  return [
    ClauseDocument,
    ClauseNode,
    ClauseTitle,
    ClauseParagraph,
    Text,
    Bold,
    Italic,
    Code,
    HardBreak,
    BulletList,
    OrderedList,
    ListItem,
    ClauseCodeBlock,
    Note,
    Example,
    Caption,
    TableFigure,
    Figure,
    ClauseTable,
    TableRow,
    TableHeader,
    TableCell,
    TermEntry,
    AbbreviationEntry,
    ReferenceEntry,
    CrossReference
  ];
}

let cached: Schema | undefined;
/** The ProseMirror schema, for code that has no editor (server, CLI, tests). */
export function clauseSchema(): Schema {
  cached ??= getSchema(schemaExtensions());
  return cached;
}
