// The model's blocks as mdast nodes, each with the metadata that lets the importer read it back
// exactly (which block it is, its id, the decoration added around its content).

import type { BlockContent, ListItem, Paragraph, PhrasingContent, TableRow } from 'mdast';
import type { Block, Inline } from '../../clauses/model';
import {
  abbreviationPrefix,
  examplePrefix,
  figurePrefix,
  notePrefix,
  referencePrefix,
  tablePrefix,
  termDecoration
} from './decorations';
import type { BlockComment } from './metadata';
import { anchor, writePhrasing, type XrefLabel } from './write-inline';

export interface BlockNumbers {
  note: (id: string) => string;
  table: (id: string) => string;
  figure: (id: string) => string;
  term: (id: string) => string;
  xref: XrefLabel;
  /** Ids some cross-reference points at: they get an anchor. */
  targets: ReadonlySet<string>;
}

export interface Written {
  nodes: BlockContent[];
  meta: BlockComment;
}

export function writeBlock(block: Block, num: BlockNumbers): Written {
  const phrasing = (inlines: Inline[]) => writePhrasing(inlines, { xref: num.xref });
  const para = (children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
  const mark = (id: string): PhrasingContent[] => (num.targets.has(id) ? [anchor(id)] : []);
  const decorated = (prefix: string, content: Inline[], id: string) =>
    para([...mark(id), { type: 'text', value: prefix }, ...phrasing(content)]);
  switch (block.type) {
    case 'paragraph': {
      const meta: BlockComment = { t: 'p', id: block.id };
      if (block.requirement) meta.req = block.requirement;
      if (!block.content.length) return { nodes: [], meta: { ...meta, e: 1 } };
      return { nodes: [para([...mark(block.id), ...phrasing(block.content)])], meta };
    }
    case 'list': {
      const items: BlockComment[][] = [];
      const children: ListItem[] = block.items.map((item) => {
        const written = item.map((b) => writeBlock(b, num));
        items.push(written.map((w) => w.meta));
        const kids = written.flatMap((w) => w.nodes);
        return { type: 'listItem', spread: kids.length > 1, checked: null, children: kids };
      });
      return {
        nodes: [{ type: 'list', ordered: block.ordered, start: block.ordered ? 1 : null, spread: children.some((c) => c.spread), children }],
        meta: { t: 'list', items }
      };
    }
    case 'note':
    case 'example': {
      const h = block.type === 'note' ? notePrefix(num.note(block.id)) : examplePrefix();
      const [first, ...rest] = block.content;
      const head = first?.type === 'paragraph' ? first : { type: 'paragraph' as const, id: `${block.id}-p`, content: [] };
      const headMeta: BlockComment = { t: 'p', id: head.id };
      if (head.requirement) headMeta.req = head.requirement;
      const more = rest.map((b) => writeBlock(b, num));
      const lead = decorated(h, head.content, block.id);
      const meta: BlockComment = { t: block.type, id: block.id, h, c: [headMeta, ...more.map((m) => m.meta)] };
      if (!more.length) return { nodes: [lead], meta };
      return { nodes: [{ type: 'blockquote', children: [lead, ...more.flatMap((m) => m.nodes)] }], meta: { ...meta, q: 1 } };
    }
    case 'table': {
      const h = tablePrefix(num.table(block.id));
      const width = Math.max(1, ...block.rows.map((r) => r.length));
      const rows: TableRow[] = block.rows.map((row) => ({
        type: 'tableRow',
        children: Array.from({ length: width }, (_, c) => ({
          type: 'tableCell' as const,
          children: writePhrasing(row[c] ?? [], { xref: num.xref, inCell: true })
        }))
      }));
      return {
        nodes: [decorated(h, block.caption, block.id), { type: 'table', align: Array.from({ length: width }, () => null), children: rows }],
        meta: { t: 'table', id: block.id, h, header: block.header }
      };
    }
    case 'figure': {
      const h = figurePrefix(num.figure(block.id));
      return {
        nodes: [para([{ type: 'image', url: block.src, alt: block.alt, title: null }]), decorated(h, block.caption, block.id)],
        meta: { t: 'figure', id: block.id, h }
      };
    }
    case 'code': {
      const space = block.language.indexOf(' ');
      const lang = space < 0 ? block.language : block.language.slice(0, space);
      const info = space < 0 ? null : block.language.slice(space + 1);
      return { nodes: [{ type: 'code', lang: lang || null, meta: info, value: block.text }], meta: { t: 'code', id: block.id } };
    }
    case 'term': {
      const n = num.term(block.id);
      const dec = termDecoration(n, block.term, block.source);
      const lead: PhrasingContent[] = dec.strong ? [{ type: 'strong', children: [{ type: 'text', value: dec.strong }] }] : [];
      return {
        nodes: [para([...mark(block.id), ...lead, { type: 'text', value: dec.after }, ...phrasing(block.definition)])],
        meta: { t: 'term', id: block.id, term: block.term, source: block.source, h: n }
      };
    }
    case 'abbreviation':
      return {
        nodes: [para([{ type: 'text', value: abbreviationPrefix(block.abbr) + block.expansion }])],
        meta: { t: 'abbr', abbr: block.abbr }
      };
    case 'reference':
      return { nodes: [decorated(referencePrefix(block.tag), block.content, block.id)], meta: { t: 'ref', id: block.id, tag: block.tag } };
  }
}
