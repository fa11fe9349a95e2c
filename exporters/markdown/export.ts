// A `Standard` as Markdown: an mdast tree serialised by remark-stringify (+ GFM), never built by
// concatenating output. Headings carry the computed numbers ("## 6.2 Image quality",
// "# Annex A – Title"); tables are GFM with "Table 1 – " captions above; notes read "NOTE – ";
// cross-references are links to "#<id>". Unless `plain`, HTML comments hold what Markdown cannot
// show (ids, roles, kinds, requirement labels and checks, the metadata), so that importing the
// export gives back the same standard.

import type { Heading, Root, RootContent } from 'mdast';
import type { Block, Clause, Inline, Standard } from '../../clauses/model';
import { inlineText } from '../../clauses/text';
import { numberStandard } from '../../clauses/numbering';
import { ANNEX_OBLIGATION, APPENDIX_OBLIGATION, headingPrefix } from './decorations';
import { encodeComment, FORMAT_VERSION, type Comment } from './metadata';
import { stringifyMarkdown } from './syntax';
import { writeBlock, type BlockNumbers } from './write-blocks';
import { anchor } from './write-inline';

export interface ExportOptions {
  /** Drop the metadata comments: Markdown for reading only. */
  plain?: boolean;
}

type Numbering = ReturnType<typeof numberStandard>;

export function exportMarkdown(std: Standard, options: ExportOptions = {}): string {
  const numbering = numberStandard(std);
  const out: RootContent[] = [];
  const comment = (c: Comment) => {
    if (!options.plain) out.push({ type: 'html', value: encodeComment(c) });
  };
  comment({ kind: 'standard', data: { v: FORMAT_VERSION, meta: std.meta } });
  const { designation, title } = std.meta;
  if (designation) out.push({ type: 'paragraph', children: [{ type: 'text', value: `Recommendation ${designation}` }] });
  if (title) out.push({ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: title }] }] });
  const num = blockNumbers(std, numbering);
  const writeClause = (clause: Clause, depth: number) => {
    const h = headingPrefix(numbering.heading.get(clause.id) ?? '', clause.role);
    const titleText = inlineText(clause.title).replace(/\n/g, ' ');
    const text = titleText ? h + titleText : h.trimEnd();
    const heading: Heading = {
      type: 'heading',
      depth: Math.min(depth, 6) as Heading['depth'],
      children: [...(num.targets.has(clause.id) ? [anchor(clause.id)] : []), ...(text ? [{ type: 'text' as const, value: text }] : [])]
    };
    out.push(heading);
    comment({ kind: 'clause', data: { id: clause.id, role: clause.role, kind: clause.kind, lv: depth, h } });
    if (depth === 1 && (clause.role === 'annex' || clause.role === 'appendix'))
      out.push({ type: 'paragraph', children: [{ type: 'text', value: clause.role === 'annex' ? ANNEX_OBLIGATION : APPENDIX_OBLIGATION }] });
    for (const block of clause.blocks) {
      const w = writeBlock(block, num);
      comment({ kind: 'block', data: w.meta });
      out.push(...w.nodes);
    }
    for (const child of clause.children) writeClause(child, depth + 1);
  };
  for (const clause of std.clauses) writeClause(clause, 1);
  const root: Root = { type: 'root', children: out };
  return stringifyMarkdown(root);
}

/** Numbers and cross-reference labels as the exported text shows them. */
function blockNumbers(std: Standard, n: Numbering): BlockNumbers {
  const titles = new Map<string, string>();
  const walk = (cs: Clause[]) => cs.forEach((c) => (titles.set(c.id, inlineText(c.title)), walk(c.children)));
  walk(std.clauses);
  return {
    targets: xrefTargets(std),
    note: (id) => n.note.get(id) ?? 'NOTE',
    table: (id) => n.table.get(id) ?? '',
    figure: (id) => n.figure.get(id) ?? '',
    term: (id) => n.term.get(id) ?? '',
    xref: (target) => {
      const clause = n.heading.get(target) || (titles.has(target) ? titles.get(target) : undefined);
      if (clause) return clause;
      if (n.table.has(target)) return `Table ${n.table.get(target)}`;
      if (n.figure.has(target)) return `Figure ${n.figure.get(target)}`;
      if (n.term.has(target)) return n.term.get(target)!;
      if (n.note.has(target)) return n.note.get(target)!;
      return target;
    }
  };
}

/** Every id a cross-reference in the standard points at. */
function xrefTargets(std: Standard): Set<string> {
  const out = new Set<string>();
  const inl = (list: Inline[]) => list.forEach((i) => i.type === 'xref' && out.add(i.target));
  const blk = (b: Block): void => {
    if (b.type === 'paragraph') inl(b.content);
    else if (b.type === 'list') b.items.forEach((item) => item.forEach(blk));
    else if (b.type === 'note' || b.type === 'example') b.content.forEach(blk);
    else if (b.type === 'table') (inl(b.caption), b.rows.forEach((r) => r.forEach(inl)));
    else if (b.type === 'figure') inl(b.caption);
    else if (b.type === 'term') inl(b.definition);
    else if (b.type === 'reference') inl(b.content);
  };
  const cls = (c: Clause): void => (inl(c.title), c.blocks.forEach(blk), c.children.forEach(cls));
  std.clauses.forEach(cls);
  return out;
}
