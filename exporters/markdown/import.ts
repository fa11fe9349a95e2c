// Markdown (CommonMark + GFM) to a `Standard`: parse with remark, infer the clause tree from the
// headings (numbers, annexes, appendices, fixed ITU titles), read each clause's blocks, skip the
// cover and contents material of Word conversions. A Markdown file written by exportMarkdown
// carries metadata comments, and then ids, roles, kinds and requirement data come from them.

import type { Heading, Paragraph, Root, RootContent } from 'mdast';
import type { Block, Clause, ClauseRole, Standard, StandardMeta } from '../../clauses/model';
import { CLAUSE_ROLES, KINDS } from '../../clauses/model';
import { numberStandard } from '../../clauses/numbering';
import { ID_PREFIX, newId } from '../../clauses/ids';
import { completeMeta } from '../../clauses/skeleton';
import { ImportError, type ImportWarning, type PolicyProposal } from './errors';
import { decodeInput } from './input-guard';
import { parseMarkdown } from './syntax';
import { decodeComment, isOurComment, type ClauseComment, type StandardComment } from './metadata';
import { ReadContext } from './read-context';
import { phrasingText } from './read-inline';
import { BlockReader, IdRegistry, scopeOfRole } from './read-blocks';
import { parseHeadingText, UNNUMBERED_ROLES, type HeadingInfo } from './heading-text';
import { parseHtmlFragment, readHtmlTable } from './read-html';
import { CONTENTS_HEADING, FRONT_HEADINGS, frontTable, isCoverTable, isSeriesTable, isTocEntry, sniffCover, titleLine } from './front-matter';
import { OBLIGATION_LINE, stripExact } from './decorations';
import { proposePolicyTags } from './policy-proposals';

export interface ImportOptions {
  /** Metadata that wins over what the Markdown says (e.g. the id the server assigns). */
  meta?: Partial<StandardMeta>;
  /** Id generator, for tests that want repeatable ids; defaults to clauses/ids newId. */
  newId?: (prefix: string) => string;
}

export interface ImportResult {
  standard: Standard;
  warnings: ImportWarning[];
  proposals: PolicyProposal[];
}

/** Deepest Markdown tree accepted after parsing (the pre-parse guard catches most abuse). */
const MAX_TREE_DEPTH = 100;

export function importMarkdown(input: string | Uint8Array, options: ImportOptions = {}): ImportResult {
  const text = decodeInput(input);
  const root = parseMarkdown(text);
  guardTreeDepth(root);
  const ctx = new ReadContext();
  const ids = new IdRegistry(ctx, options.newId ?? newId);
  const builder = new StructureBuilder(ctx, ids);
  builder.run(root.children);
  const clauses = builder.finish(new BlockReader(ctx, ids));
  if (!clauses.length)
    throw new ImportError(
      'no clauses found: a draft needs headings such as "# 1 Scope", "## 6.1 Image quality" or "# Annex A – Title"'
    );
  const meta = { ...builder.meta(text), ...options.meta };
  const standard: Standard = { meta, clauses };
  builder.checkNumbers(standard);
  return { standard, warnings: ctx.finish(), proposals: proposePolicyTags(standard) };
}

/** Iterative, so that the check itself cannot overflow the stack. */
function guardTreeDepth(root: Root): void {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_TREE_DEPTH)
      throw new ImportError(`the Markdown nests more than ${MAX_TREE_DEPTH} levels deep (quotes, lists or emphasis); flatten it before importing`);
    const children = (node as { children?: unknown[] }).children;
    if (children) for (const c of children) stack.push([c, depth + 1]);
  }
}

interface Entry {
  clause: Clause;
  depth: number;
  mdLevel: number;
  topRole: ClauseRole;
  nodes: RootContent[];
  prefilled: Block[];
}

type Mode = 'front' | 'toc' | 'body';

class StructureBuilder {
  private readonly top: Clause[] = [];
  private readonly entries: Entry[] = [];
  private stack: Entry[] = [];
  private current: Entry | null = null;
  private mode: Mode = 'front';
  private ours?: StandardComment;
  private sniffed: Partial<StandardMeta> = {};
  private skipped = 0;
  private firstSkippedLine?: number;
  private topMdLevel?: number;
  /** Numbers as the Markdown printed them, to tell the user where numbering will differ. */
  private readonly literal = new Map<string, { printed: string; line?: number }>();

  constructor(
    private readonly ctx: ReadContext,
    private readonly ids: IdRegistry
  ) {}

  run(nodes: RootContent[]): void {
    let afterBlockComment = false;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const protectedNode = afterBlockComment;
      afterBlockComment = false;
      if (node.type === 'html' && isOurComment(node.value)) {
        const c = decodeComment(node.value, (why) => this.ctx.warn('metadata-mismatch', why, node));
        if (c?.kind === 'standard') this.ours = c.data;
        else if (c?.kind === 'block') {
          afterBlockComment = true;
          this.keep(node);
        } else if (c?.kind === 'clause') this.ctx.warn('metadata-mismatch', 'a clause metadata comment not right after a heading was ignored', node);
        continue;
      }
      if (node.type === 'heading') {
        const next = nodes[i + 1];
        let meta: ClauseComment | undefined;
        if (next?.type === 'html' && isOurComment(next.value)) {
          const c = decodeComment(next.value, (why) => this.ctx.warn('metadata-mismatch', why, next));
          if (c?.kind === 'clause' && validClauseComment(c.data)) {
            meta = c.data;
            i++;
          }
        }
        this.openHeading(node, meta);
        continue;
      }
      if (protectedNode) {
        this.keep(node);
        continue;
      }
      if (this.ours) {
        if (!this.dropObligationLine(node)) this.keep(node);
        continue;
      }
      i = this.plainNode(nodes, i);
    }
  }

  /** A node of a Markdown file without our metadata: front matter, pseudo-heading or content. */
  private plainNode(nodes: RootContent[], i: number): number {
    const node = nodes[i]!;
    if (node.type === 'html' && /^\s*<table/i.test(node.value)) {
      this.htmlTable(node);
      return i;
    }
    if (node.type !== 'paragraph') {
      this.keep(node);
      return i;
    }
    const text = phrasingText(node.children).trim();
    // Word's bold-with-line-break headings come out of pandoc as stray "**" around the text.
    const bare = text.replace(/^[*_\s]+|[*_\s]+$/g, '').replace(/\s+/g, ' ');
    if (this.mode === 'toc') {
      if (isTocEntry(text)) return this.skip(node), i;
      this.mode = 'front';
    }
    if (this.mode === 'front') {
      if (CONTENTS_HEADING.test(bare)) {
        this.mode = 'toc';
        this.current = null;
        return this.skip(node), i;
      }
      if (FRONT_HEADINGS.test(bare)) {
        this.current = null;
        return this.skip(node), i;
      }
      const designation = titleLine(text);
      if (designation) {
        this.sniffed.designation ??= designation;
        const next = nodes[i + 1];
        if (next?.type === 'paragraph' && !pseudoHeading(phrasingText(next.children).trim())) {
          this.sniffed.title ??= phrasingText(next.children).replace(/\s+/g, ' ').trim();
          this.skip(next);
          i++;
        }
        this.current = null;
        return this.skip(node), i;
      }
    }
    const pseudo = onlyText(node.children) ? pseudoHeading(text) : undefined;
    if (pseudo) {
      let title = pseudo.title;
      const next = nodes[i + 1];
      // Word puts "Appendix I" and its title on separate lines.
      if ((pseudo.kind === 'annex' || pseudo.kind === 'appendix') && !title && next?.type === 'paragraph') {
        const t = phrasingText(next.children).replace(/\s+/g, ' ').trim();
        if (t && t.length < 200 && !OBLIGATION_LINE.test(t)) {
          title = t;
          i++;
        }
      }
      this.open({ ...pseudo, title } as HeadingInfo, 1, undefined, '', node);
      return i;
    }
    if (!this.dropObligationLine(node)) this.keep(node);
    return i;
  }

  private htmlTable(node: Extract<RootContent, { type: 'html' }>): void {
    const table = readHtmlTable(parseHtmlFragment(node.value, node.position?.start.line));
    if (!table) return this.keep(node);
    if (isSeriesTable(table)) return this.skip(node);
    if (this.mode !== 'body' && isCoverTable(table)) {
      this.sniffed = { ...sniffCover(table), ...this.sniffed };
      return this.skip(node);
    }
    const front = this.mode !== 'body' ? frontTable(table) : undefined;
    if (!front) return this.keep(node);
    if (front.kind === 'skip') return this.skip(node);
    if (front.kind === 'title') {
      this.sniffed.designation ??= front.designation;
      if (front.title) this.sniffed.title ??= front.title;
      this.current = null;
      return this.skip(node);
    }
    const entry = this.attach(this.newClause(front.role, undefined, front.title), 1, 1);
    entry.prefilled = front.paragraphs.map((content) => ({ type: 'paragraph', id: this.ids.fresh(ID_PREFIX.paragraph), content }));
    this.current = null;
  }

  /** Drops the fixed obligation line an annex or appendix opens with: exports print it anew. */
  private dropObligationLine(node: RootContent): boolean {
    const cur = this.current;
    if (!cur || node.type !== 'paragraph' || cur.nodes.length || cur.depth !== 1) return false;
    if (cur.clause.role !== 'annex' && cur.clause.role !== 'appendix') return false;
    return OBLIGATION_LINE.test(phrasingText(node.children).trim());
  }

  private keep(node: RootContent): void {
    if (this.current) this.current.nodes.push(node);
    // Before the first clause of our own export stands only the title block, derived from meta.
    else if (!this.ours) this.skip(node);
  }

  private skip(node: RootContent): void {
    this.skipped++;
    this.firstSkippedLine ??= node.position?.start.line;
  }

  private openHeading(node: Heading, meta: ClauseComment | undefined): void {
    const text = phrasingText(node.children);
    const info = parseHeadingText(text);
    if (!meta && !this.ours) {
      if (info.kind === 'front-matter' && this.mode !== 'body') {
        this.current = null;
        return this.skip(node);
      }
      if (info.kind === 'contents') {
        this.mode = 'toc';
        this.current = null;
        return this.skip(node);
      }
    }
    this.open(info, node.depth, meta, text, node);
  }

  private open(info: HeadingInfo, mdLevel: number, meta: ClauseComment | undefined, text: string, node: RootContent): void {
    if (meta) {
      const title = stripExact(text, meta.h) ?? info.title;
      const clause = this.newClause(meta.role, meta.kind, title, meta.id);
      this.place(clause, meta.lv, mdLevel, node);
      return;
    }
    const topRole = this.stack[0]?.clause.role;
    switch (info.kind) {
      case 'numbered': {
        const d = info.segments.length;
        const named = d === 1 ? roleIfFixed(info.title) : undefined;
        const clause = this.newClause(named ?? 'body', null, info.title);
        this.remember(clause, info.segments.join('.'), node);
        this.place(clause, d, mdLevel, node);
        return;
      }
      case 'annex':
      case 'appendix': {
        const clause = this.newClause(info.kind, null, info.title);
        this.remember(clause, info.designation, node);
        this.place(clause, 1, mdLevel, node);
        return;
      }
      case 'lettered':
        if (topRole === 'annex' || topRole === 'appendix') {
          const clause = this.newClause('body', null, info.title);
          this.remember(clause, [info.designation, ...info.segments].join('.'), node);
          this.place(clause, 1 + info.segments.length, mdLevel, node);
          return;
        }
        break;
      case 'named':
        if (UNNUMBERED_ROLES.includes(info.role) || mdLevel <= (this.topMdLevel ?? mdLevel)) {
          this.place(this.newClause(info.role, null, info.title), 1, mdLevel, node);
          return;
        }
        break;
      default:
        break;
    }
    // An unnumbered heading nests by its Markdown level under the nearest shallower heading.
    while (this.stack.length && this.stack[this.stack.length - 1]!.mdLevel >= mdLevel) this.stack.pop();
    const parent = this.stack[this.stack.length - 1];
    this.place(this.newClause('body', null, text.replace(/\s+/g, ' ').trim()), parent ? parent.depth + 1 : 1, mdLevel, node);
  }

  private newClause(role: ClauseRole, kind: Clause['kind'] | undefined, title: string, id?: string): Clause {
    const t = title.replace(/\n/g, ' ');
    return {
      id: id === undefined ? this.ids.fresh(ID_PREFIX.clause) : this.ids.take(id, ID_PREFIX.clause),
      role,
      kind: kind ?? null,
      title: t ? [{ type: 'text', text: t }] : [],
      blocks: [],
      children: []
    };
  }

  /** Puts a clause at `depth` under the nearest open clause one level up. */
  private place(clause: Clause, depth: number, mdLevel: number, node: RootContent): void {
    while (this.stack.length && this.stack[this.stack.length - 1]!.depth >= depth) this.stack.pop();
    if (depth > 1 && this.stack.length < depth - 1)
      this.ctx.warn('missing-parent', `"${clause.title.map((t) => (t.type === 'text' ? t.text : '')).join('')}" has no parent clause one level up; it was placed as high as possible`, node);
    this.current = this.attach(clause, this.stack.length ? Math.min(depth, this.stack.length + 1) : 1, mdLevel);
    if (clause.role !== 'summary' && clause.role !== 'keywords' && clause.role !== 'introduction') this.mode = 'body';
  }

  private attach(clause: Clause, depth: number, mdLevel: number): Entry {
    const parent = depth > 1 ? this.stack[this.stack.length - 1] : undefined;
    if (parent) parent.clause.children.push(clause);
    else {
      this.top.push(clause);
      this.stack = [];
      this.topMdLevel ??= mdLevel;
    }
    const entry: Entry = { clause, depth, mdLevel, topRole: parent ? parent.topRole : clause.role, nodes: [], prefilled: [] };
    this.stack.push(entry);
    this.entries.push(entry);
    return entry;
  }

  private remember(clause: Clause, printed: string, node: RootContent): void {
    this.literal.set(clause.id, { printed, line: node.position?.start.line });
  }

  /** Warns where a printed number differs from the computed one (a gap or a typo in the draft). */
  checkNumbers(std: Standard): void {
    const computed = numberStandard(std).clause;
    for (const [id, { printed, line }] of this.literal) {
      const now = computed.get(id);
      if (now !== undefined && now !== printed)
        this.ctx.warn('number-mismatch', `the heading numbered "${printed}"${line ? ` at line ${line}` : ''} is clause ${now} once numbered from the structure`);
    }
  }

  finish(reader: BlockReader): Clause[] {
    if (this.skipped)
      this.ctx.warn(
        'skipped-front-matter',
        `${this.skipped} block(s) outside any clause were skipped (cover page, series list, foreword, table of contents, title block)` +
          (this.firstSkippedLine ? `, the first at line ${this.firstSkippedLine}` : '')
      );
    for (const e of this.entries) e.clause.blocks = [...e.prefilled, ...reader.read(e.nodes, scopeOfRole(e.topRole))];
    return this.top;
  }

  meta(text: string): StandardMeta {
    const ours = this.ours?.meta;
    if (ours && typeof ours === 'object') return completeMeta(ours);
    const convention = /\bRFC\s?2119\b|\bBCP\s?14\b/.test(text) ? 'rfc2119' : 'itu-t';
    return completeMeta({ ...this.sniffed, convention });
  }
}

function validClauseComment(c: ClauseComment): boolean {
  return (
    typeof c.id === 'string' &&
    (CLAUSE_ROLES as readonly string[]).includes(c.role) &&
    (c.kind === null || (KINDS as readonly string[]).includes(c.kind)) &&
    Number.isInteger(c.lv) &&
    c.lv >= 1 &&
    typeof c.h === 'string'
  );
}

function roleIfFixed(title: string): ClauseRole | undefined {
  const role = parseHeadingText(title);
  return role.kind === 'named' && !UNNUMBERED_ROLES.includes(role.role) ? role.role : undefined;
}

/** Plain (possibly bold or italic) text: what a heading typed as a paragraph looks like. */
function onlyText(nodes: Paragraph['children']): boolean {
  return nodes.every((n) => n.type === 'text' || ((n.type === 'strong' || n.type === 'emphasis') && onlyText(n.children)));
}

/** A whole paragraph that stands for a heading in Word conversions ("Bibliography", "Appendix I"). */
function pseudoHeading(text: string): HeadingInfo | undefined {
  if (!text || text.length > 200) return undefined;
  const flat = text.replace(/\s+/g, ' ');
  const info = parseHeadingText(text);
  if (info.kind === 'named' && UNNUMBERED_ROLES.includes(info.role) && info.title === flat) return info;
  if ((info.kind === 'annex' || info.kind === 'appendix') && !/[.:;]$/.test(flat)) return info;
  return undefined;
}

