// A clause body's Markdown nodes to the model's blocks. Where an export's metadata comment
// precedes a block, the comment says what the block is and which decoration to strip; elsewhere
// the block is inferred from ITU conventions (NOTE –, Table 1 –, "**3.2.1 term**:", ABBR<tab>…).

import type { BlockContent, DefinitionContent, Paragraph, PhrasingContent, RootContent } from 'mdast';
import type { Block, ClauseRole, Inline } from '../../clauses/model';
import { ID_PREFIX } from '../../clauses/ids';
import { blockText, inlineText } from '../../clauses/text';
import {
  EXAMPLE_LEAD,
  FIGURE_LEAD,
  NOTE_LEAD,
  TABLE_LEAD,
  abbreviationPrefix,
  referencePrefix,
  stripExact,
  termDecoration
} from './decorations';
import { decodeComment, isOurComment, type BlockComment } from './metadata';
import type { ReadContext } from './read-context';
import { normaliseInlines, phrasingText, readPhrasing, trimInlines, withoutAnchors } from './read-inline';
import { parseHtmlFragment, readHtmlImage, readHtmlTable, readHtmlText } from './read-html';

const BR_ONLY = /^(?:<br\s*\/?>\s*)+$/i;
const DASH_ITEM = /^[\u2013\u2014][ \t\u00a0]+/;

type Node = RootContent | BlockContent | DefinitionContent;
type Para = Extract<Block, { type: 'paragraph' }>;

/** Which ITU entries the clause holds: it decides how plain paragraphs are read. */
export type Scope = 'definitions' | 'abbreviations' | 'references' | 'other';

export function scopeOfRole(role: ClauseRole): Scope {
  if (role === 'definitions') return 'definitions';
  if (role === 'abbreviations') return 'abbreviations';
  if (role === 'references' || role === 'bibliography') return 'references';
  return 'other';
}

export class BlockReader {
  constructor(
    private readonly ctx: ReadContext,
    private readonly ids: IdRegistry
  ) {}

  read(nodes: Node[], scope: Scope): Block[] {
    const out: Block[] = [];
    let i = 0;
    while (i < nodes.length) {
      const node = nodes[i]!;
      if (node.type === 'html' && isOurComment(node.value)) {
        const c = decodeComment(node.value, (why) => this.ctx.warn('metadata-mismatch', why, node));
        if (c?.kind === 'block') {
          const got = this.withMeta(c.data, nodes, i + 1);
          if (got) {
            out.push(got.block);
            i = got.next;
            continue;
          }
          this.ctx.warn('metadata-mismatch', `the block after this metadata comment does not match it (${c.data.t}); it was read as plain Markdown`, node);
        }
        i++;
        continue;
      }
      const got = this.infer(nodes, i, scope);
      out.push(...got.blocks);
      i = got.next;
    }
    return out;
  }

  // ------------------------------------------------------------ with metadata

  private withMeta(meta: BlockComment, nodes: Node[], i: number): { block: Block; next: number } | undefined {
    const node = nodes[i];
    switch (meta.t) {
      case 'p': {
        if (meta.e) return { block: this.para(meta, []), next: i };
        // A paragraph of line breaks only is written as "<br>", which Markdown reads as HTML.
        if (node?.type === 'html' && BR_ONLY.test(node.value.trim()))
          return { block: this.para(meta, node.value.match(/<br/gi)!.map(() => ({ type: 'break' as const }))), next: i + 1 };
        if (node?.type !== 'paragraph') return undefined;
        return { block: this.para(meta, this.inlines(node.children)), next: i + 1 };
      }
      case 'note':
      case 'example': {
        const [first, ...rest] = meta.c;
        if (!first || first.t !== 'p') return undefined;
        let children: Node[];
        if (meta.q) {
          if (node?.type !== 'blockquote') return undefined;
          children = node.children;
        } else {
          if (node?.type !== 'paragraph') return undefined;
          children = [node];
        }
        const lead = children[0];
        if (lead?.type !== 'paragraph') return undefined;
        const body = stripInlines(this.inlines(lead.children), meta.h);
        if (!body) return undefined;
        const content: Block[] = [this.para(first, body)];
        const more = this.sequence(rest, children, 1);
        if (!more) return undefined;
        content.push(...more);
        return { block: { type: meta.t, id: this.ids.take(meta.id, meta.t[0]!), content }, next: i + 1 };
      }
      case 'table': {
        const table = nodes[i + 1];
        if (node?.type !== 'paragraph' || table?.type !== 'table') return undefined;
        const caption = stripInlines(this.inlines(node.children), meta.h);
        if (!caption) return undefined;
        const rows = table.children.map((r) => r.children.map((c) => this.inlines(c.children)));
        return { block: { type: 'table', id: this.ids.take(meta.id, ID_PREFIX.table), caption, header: meta.header, rows }, next: i + 2 };
      }
      case 'figure': {
        const cap = nodes[i + 1];
        const img = node?.type === 'paragraph' && node.children.length === 1 ? node.children[0] : undefined;
        if (img?.type !== 'image' || cap?.type !== 'paragraph') return undefined;
        const caption = stripInlines(this.inlines(cap.children), meta.h);
        if (!caption) return undefined;
        return {
          block: { type: 'figure', id: this.ids.take(meta.id, ID_PREFIX.figure), caption, src: img.url, alt: img.alt ?? '' },
          next: i + 2
        };
      }
      case 'code':
        if (node?.type !== 'code') return undefined;
        return { block: this.code(node, meta.id), next: i + 1 };
      case 'term': {
        if (node?.type !== 'paragraph') return undefined;
        const dec = termDecoration(meta.h, meta.term, meta.source);
        let children = withoutAnchors(node.children);
        if (dec.strong) {
          const s = children[0];
          if (s?.type !== 'strong' || phrasingText(s.children) !== dec.strong) return undefined;
          children = children.slice(1);
        }
        const definition = stripInlines(this.inlines(children), dec.after);
        if (!definition) return undefined;
        return {
          block: { type: 'term', id: this.ids.take(meta.id, ID_PREFIX.term), term: meta.term, source: meta.source, definition },
          next: i + 1
        };
      }
      case 'abbr': {
        if (node?.type !== 'paragraph') return undefined;
        const rest = stripExact(phrasingText(node.children), abbreviationPrefix(meta.abbr));
        if (rest === undefined) return undefined;
        return { block: { type: 'abbreviation', abbr: meta.abbr, expansion: rest }, next: i + 1 };
      }
      case 'ref': {
        if (node?.type !== 'paragraph') return undefined;
        const content = stripInlines(this.inlines(node.children), referencePrefix(meta.tag));
        if (!content) return undefined;
        return { block: { type: 'reference', id: this.ids.take(meta.id, ID_PREFIX.reference), tag: meta.tag, content }, next: i + 1 };
      }
      case 'list': {
        if (node?.type !== 'list' || node.children.length !== meta.items.length) return undefined;
        const items: Block[][] = [];
        for (let k = 0; k < meta.items.length; k++) {
          const item = this.sequence(meta.items[k]!, node.children[k]!.children, 0);
          if (!item) return undefined;
          items.push(item);
        }
        return { block: { type: 'list', ordered: node.ordered === true, items }, next: i + 1 };
      }
      default:
        return undefined;
    }
  }

  /** Blocks described by a list of metadata, read from `nodes` starting at `from`; all must fit. */
  private sequence(metas: BlockComment[], nodes: Node[], from: number): Block[] | undefined {
    const out: Block[] = [];
    let i = from;
    for (const m of metas) {
      const got = this.withMeta(m, nodes, i);
      if (!got) return undefined;
      out.push(got.block);
      i = got.next;
    }
    return i === nodes.length ? out : undefined;
  }

  private para(meta: { id: string; req?: Para['requirement'] }, content: Inline[]): Para {
    const p: Para = { type: 'paragraph', id: this.ids.take(meta.id, ID_PREFIX.paragraph), content };
    if (meta.req && (meta.req.label !== undefined || meta.req.checks !== undefined)) p.requirement = structuredClone(meta.req);
    return p;
  }

  // ------------------------------------------------------------ inference

  private infer(nodes: Node[], i: number, scope: Scope): { blocks: Block[]; next: number } {
    const node = nodes[i]!;
    const next = nodes[i + 1];
    switch (node.type) {
      case 'paragraph': {
        const text = phrasingText(node.children);
        if (TABLE_LEAD.test(text) && (next?.type === 'table' || (next?.type === 'html' && /^\s*<table/i.test(next.value)))) {
          const table = this.tableNode(next, captionOf(this.inlines(node.children), TABLE_LEAD));
          if (table) return { blocks: [table], next: i + 2 };
        }
        const image = imageOf(node);
        if (image) return this.figure(image, nodes, i);
        if (DASH_ITEM.test(text)) return this.dashList(nodes, i, scope);
        return { blocks: [this.paragraphBlock(node, scope)], next: i + 1 };
      }
      case 'blockquote':
        return { blocks: this.quote(node.children, scope), next: i + 1 };
      case 'list':
        return {
          blocks: [{ type: 'list', ordered: node.ordered === true, items: node.children.map((item) => this.listItem(item.children, scope)) }],
          next: i + 1
        };
      case 'code':
        return { blocks: [this.code(node)], next: i + 1 };
      case 'table': {
        const t = this.tableNode(node, []);
        if (t?.type === 'table' && scope === 'abbreviations') {
          const entries = abbreviationRows(t.rows);
          if (entries) return { blocks: entries, next: i + 1 };
        }
        return { blocks: t ? [t] : [], next: i + 1 };
      }
      case 'html':
        return this.html(node, nodes, i, scope);
      case 'footnoteDefinition':
        return { blocks: this.read(node.children, scope), next: i + 1 };
      default:
        // Thematic breaks, link definitions, stray headings (handled by the structure reader).
        return { blocks: [], next: i + 1 };
    }
  }

  private paragraphBlock(node: Paragraph, scope: Scope): Block {
    const content = this.inlines(node.children);
    const text = inlineText(content);
    const note = NOTE_LEAD.exec(text) ?? EXAMPLE_LEAD.exec(text);
    if (note) {
      const type = text.startsWith('NOTE') ? 'note' : 'example';
      const body = stripInlines(content, note[0]) ?? content;
      return { type, id: this.ids.fresh(type[0]!), content: [this.plainPara(body)] };
    }
    if (scope === 'definitions') {
      const term = readTerm(withoutAnchors(node.children), this);
      if (term) return { type: 'term', id: this.ids.fresh(ID_PREFIX.term), ...term };
    }
    if (scope === 'references') {
      const m = /^\[([^\]\n]+)\][ \t]*/.exec(text);
      if (m) {
        const rest = stripInlines(content, m[0]);
        if (rest) return { type: 'reference', id: this.ids.fresh(ID_PREFIX.reference), tag: m[1]!.trim(), content: trimInlines(rest) };
      }
    }
    if (scope === 'abbreviations') {
      const abbr = readAbbreviation(text);
      if (abbr) return { type: 'abbreviation', ...abbr };
    }
    return this.plainPara(content);
  }

  /** Word's ITU lists arrive as paragraphs opening with "– ": consecutive ones form a list. */
  private dashList(nodes: Node[], i: number, scope: Scope): { blocks: Block[]; next: number } {
    const items: Block[][] = [];
    let k = i;
    for (let n = nodes[k]; n?.type === 'paragraph'; n = nodes[++k]) {
      const m = DASH_ITEM.exec(phrasingText(n.children));
      if (!m) break;
      const content = stripInlines(this.inlines(n.children), m[0]);
      if (!content) break;
      items.push([this.plainPara(content)]);
    }
    if (!items.length) return { blocks: [this.paragraphBlock(nodes[i] as Paragraph, scope)], next: i + 1 };
    return { blocks: [{ type: 'list', ordered: false, items }], next: k };
  }

  private plainPara(content: Inline[]): Para {
    return { type: 'paragraph', id: this.ids.fresh(ID_PREFIX.paragraph), content };
  }

  private quote(children: Node[], scope: Scope): Block[] {
    const first = children[0];
    if (first?.type === 'paragraph') {
      const text = phrasingText(first.children);
      const lead = NOTE_LEAD.exec(text) ?? EXAMPLE_LEAD.exec(text);
      if (lead) {
        const type = text.startsWith('NOTE') ? 'note' : 'example';
        const head = this.plainPara(stripInlines(this.inlines(first.children), lead[0]) ?? []);
        const rest = this.read(children.slice(1), 'other').map((b) => (b.type === 'paragraph' ? b : this.plainPara(textInlines(b))));
        return [{ type, id: this.ids.fresh(type[0]!), content: [head, ...rest] }];
      }
    }
    // A block quote has no meaning of its own in a standard: its content is kept as blocks.
    return this.read(children, scope);
  }

  private listItem(children: Node[], scope: Scope): Block[] {
    const blocks = this.read(children, scope);
    if (blocks[0]?.type !== 'paragraph') blocks.unshift(this.plainPara([]));
    return blocks;
  }

  private code(node: { lang?: string | null; meta?: string | null; value: string }, id?: string): Block {
    const language = [node.lang, node.meta].filter(Boolean).join(' ');
    return { type: 'code', id: id ? this.ids.take(id, ID_PREFIX.code) : this.ids.fresh(ID_PREFIX.code), language, text: node.value };
  }

  private tableNode(node: Node | undefined, caption: Inline[]): Block | undefined {
    if (node?.type === 'table') {
      const rows = node.children.map((r) => r.children.map((c) => this.inlines(c.children)));
      return { type: 'table', id: this.ids.fresh(ID_PREFIX.table), caption, header: true, rows };
    }
    if (node?.type === 'html') {
      const t = readHtmlTable(parseHtmlFragment(node.value, node.position?.start.line));
      if (t && t.rows.length) return { type: 'table', id: this.ids.fresh(ID_PREFIX.table), caption, header: t.header, rows: t.rows };
    }
    return undefined;
  }

  private figure(image: { src: string; alt: string }, nodes: Node[], i: number): { blocks: Block[]; next: number } {
    const cap = nodes[i + 1];
    let caption: Inline[] = [];
    let next = i + 1;
    if (cap?.type === 'paragraph' && FIGURE_LEAD.test(phrasingText(cap.children))) {
      caption = captionOf(this.inlines(cap.children), FIGURE_LEAD);
      next = i + 2;
    }
    return { blocks: [{ type: 'figure', id: this.ids.fresh(ID_PREFIX.figure), caption, src: image.src, alt: image.alt }], next };
  }

  private html(node: Extract<Node, { type: 'html' }>, nodes: Node[], i: number, scope: Scope): { blocks: Block[]; next: number } {
    const value = node.value.trim();
    if (/^<!--[\s\S]*-->$/.test(value)) return { blocks: [], next: i + 1 };
    if (BR_ONLY.test(value)) return { blocks: [this.plainPara(value.match(/<br/gi)!.map(() => ({ type: 'break' as const })))], next: i + 1 };
    const root = parseHtmlFragment(node.value, node.position?.start.line);
    if (/^<table/i.test(value)) {
      const t = this.tableNode(node, []);
      const entries = t?.type === 'table' && scope === 'abbreviations' ? abbreviationRows(t.rows) : undefined;
      return { blocks: entries ?? (t ? [t] : []), next: i + 1 };
    }
    const image = readHtmlImage(root);
    if (image) return this.figure(image, nodes, i);
    const content = readHtmlText(root);
    this.ctx.dropHtml();
    return { blocks: content.length ? [this.plainPara(content)] : [], next: i + 1 };
  }

  inlines(children: PhrasingContent[]): Inline[] {
    return readPhrasing(children, this.ctx);
  }
}

/** Ids from metadata are kept unless already used (a clause copied in the Markdown). */
export class IdRegistry {
  private readonly seen = new Set<string>();
  constructor(
    private readonly ctx: ReadContext,
    private readonly mint: (prefix: string) => string
  ) {}

  take(id: string | undefined, prefix: string): string {
    if (typeof id === 'string' && /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(id) && !this.seen.has(id)) {
      this.seen.add(id);
      return id;
    }
    if (id !== undefined) this.ctx.warn('metadata-mismatch', `id "${String(id)}" is used twice or malformed; a new id was given`);
    return this.fresh(prefix);
  }

  fresh(prefix: string): string {
    let id = this.mint(prefix);
    while (this.seen.has(id)) id = this.mint(prefix);
    this.seen.add(id);
    return id;
  }
}

/** Removes a textual prefix from the start of inline content; undefined if it is not there. */
export function stripInlines(content: Inline[], prefix: string): Inline[] | undefined {
  if (!prefix) return content;
  const first = content[0];
  if (!first) return prefix.trim() === '' ? [] : undefined;
  if (first.type !== 'text' || first.marks?.length) return undefined;
  const rest = stripExact(first.text, prefix);
  if (rest === undefined) return undefined;
  const out = content.slice(1).map((i) => ({ ...i }));
  if (rest) out.unshift({ type: 'text', text: rest });
  return normaliseInlines(out);
}

function captionOf(content: Inline[], lead: RegExp): Inline[] {
  const m = lead.exec(inlineText(content));
  return trimInlines((m && stripInlines(content, m[0])) ?? content);
}

function imageOf(node: Paragraph): { src: string; alt: string } | undefined {
  const kids = node.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  const only = kids.length === 1 ? kids[0] : undefined;
  if (only?.type === 'image') return { src: only.url, alt: only.alt ?? '' };
  if (only?.type === 'html' && /^<img\b/i.test(only.value.trim())) return readHtmlImage(parseHtmlFragment(only.value));
  return undefined;
}

/** Notes hold paragraphs only: other blocks quoted in a note are kept as their text. */
function textInlines(b: Block): Inline[] {
  if (b.type === 'paragraph') return b.content;
  const text = blockText(b).replace(/\n/g, ' ');
  return text ? [{ type: 'text', text }] : [];
}

/** "**3.2.1 term** [ref]: text" or "**3.2.1** **term** [ref]: text" (numbers are stripped). */
function readTerm(children: PhrasingContent[], reader: BlockReader): { term: string; source: string; definition: Inline[] } | undefined {
  let k = 0;
  let head = '';
  while (children[k]?.type === 'strong' || (children[k]?.type === 'text' && !(children[k] as { value: string }).value.trim())) {
    head += ' ' + phrasingText((children[k] as { children?: PhrasingContent[] }).children ?? []);
    k++;
  }
  const m = /^\s*(\d+(?:\.\d+)+)?\.?\s*(.*?)\s*$/.exec(head.replace(/\s+/g, ' '));
  if (!m || (!m[1] && !m[2])) return undefined;
  const rest = reader.inlines(children.slice(k));
  const text = inlineText(rest);
  const after = /^\s*(?:\[([^\]]*)\])?\s*:\s*/.exec(text);
  if (!after) return undefined;
  let term = m[2]!;
  let source = after[1]?.trim() ?? '';
  // "**3.1.1 term [ref]**: text" puts the source inside the bold part.
  const inner = /^(.*?)\s*\[([^\]]+)\]$/.exec(term);
  if (inner && !source) {
    term = inner[1]!;
    source = inner[2]!;
  }
  return { term, source, definition: trimInlines(stripInlines(rest, after[0]) ?? rest) };
}

/** "ABBR<tab>Expansion", "ABBR: Expansion", "ABBR – Expansion", "ABBR Expansion". */
function readAbbreviation(text: string): { abbr: string; expansion: string } | undefined {
  const t = text.trim();
  if (!t || t.endsWith(':') || t.length > 300) return undefined;
  const m = /^(\S+?)(?:\t+|\s*:\s+|\s+[\u2013\u2014-]\s+|\s{2,}|\s)(\S[\s\S]*)$/.exec(t);
  if (!m || !/[A-Z0-9]/.test(m[1]!) || m[1]!.length > 20) return undefined;
  return { abbr: m[1]!, expansion: m[2]!.replace(/\s+/g, ' ') };
}

/** A two-column table in clause 4 lists abbreviations; a header row such as "Abbreviation | Meaning" is dropped. */
function abbreviationRows(rows: Inline[][][]): Block[] | undefined {
  if (!rows.length || rows.some((r) => r.length !== 2)) return undefined;
  const entries = rows.map((r) => ({ abbr: inlineText(r[0]!).trim(), expansion: inlineText(r[1]!).replace(/\s+/g, ' ').trim() }));
  if (/^(abbreviations?|acronyms?|abbr\.?|term)$/i.test(entries[0]!.abbr)) entries.shift();
  if (entries.some((e) => !e.abbr)) return undefined;
  return entries.map((e) => ({ type: 'abbreviation', ...e }));
}
