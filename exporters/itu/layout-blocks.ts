// A clause's body blocks as layout items: requirement markers, NOTE and EXAMPLE prefixes,
// captions (tables above, figures below), ITU list markers, and the entry forms of references,
// terms and abbreviations.

import type { Block, Inline } from '../../clauses/model';
import type { LayoutItem, Run } from './layout';
import { anchorOf, hasText, inlineRuns, type LayoutContext } from './layout-context';
import { xmlSafe } from './text-safety';
import { EN_DASH } from './wording';

const text = (value: string, extra: Partial<Extract<Run, { type: 'text' }>> = {}): Run => ({
  type: 'text',
  text: xmlSafe(value),
  ...extra
});
const TAB: Run = { type: 'tab' };

/** "[FRS-REQ-07] " before a requirement statement, wherever the paragraph sits. */
function requirementMarker(ctx: LayoutContext, paragraphId: string): Run[] {
  const id = ctx.requirementIds.get(paragraphId);
  return id ? [text(`[${id}]`, { bold: true }), text(' ')] : [];
}

export function blockItems(
  blocks: Block[],
  ctx: LayoutContext,
  policy: boolean,
  depth = 0
): LayoutItem[] {
  return blocks.flatMap((block) => blockItem(block, ctx, policy, depth));
}

/** Whether blocks would print anything (a clause of only empty paragraphs reads "None."). */
export function hasContent(blocks: Block[]): boolean {
  return blocks.some((b) =>
    b.type === 'paragraph' ? hasText(b.content) : b.type === 'list' ? b.items.some(hasContent) : true
  );
}

function blockItem(block: Block, ctx: LayoutContext, policy: boolean, depth: number): LayoutItem[] {
  const flag = policy ? { policy: true } : {};
  switch (block.type) {
    case 'paragraph': {
      if (!hasText(block.content)) return [];
      const requirementId = ctx.requirementIds.get(block.id);
      return [
        {
          type: 'paragraph',
          style: 'normal',
          runs: [...requirementMarker(ctx, block.id), ...inlineRuns(block.content, ctx)],
          anchor: anchorOf(block.id),
          ...(requirementId ? { requirementId: xmlSafe(requirementId) } : {}),
          ...flag
        }
      ];
    }
    case 'list':
      return block.items.flatMap((item, index) =>
        listItem(item, listMarker(block.ordered, depth + 1, index), ctx, policy, depth + 1)
      );
    case 'note':
      return prefixed(block.content, ctx.numbering.note.get(block.id) ?? 'NOTE', block.id, ctx, flag);
    case 'example':
      return prefixed(block.content, 'EXAMPLE', block.id, ctx, flag);
    case 'table': {
      const label = `Table ${ctx.numbering.table.get(block.id) ?? ''}`;
      const rows = block.rows.map((row, r) =>
        row.map((cell, c) => [...requirementMarker(ctx, `${block.id}:r${r}c${c}`), ...inlineRuns(cell, ctx)])
      );
      // A table without rows keeps its caption; Word rejects a table with no row.
      return [
        caption('table', label, block.caption, block.id, ctx, flag),
        ...(rows.length ? [{ type: 'table' as const, header: block.header, rows, ...flag }] : [])
      ];
    }
    case 'figure':
      return [
        { type: 'figure', image: embeddableImage(block.src), alt: xmlSafe(block.alt), ...flag },
        caption('figure', `Figure ${ctx.numbering.figure.get(block.id) ?? ''}`, block.caption, block.id, ctx, flag)
      ];
    case 'code':
      return [{ type: 'code', text: xmlSafe(block.text.replace(/\r\n?/g, '\n')), ...flag }];
    case 'term': {
      const source = block.source.trim();
      const ref = source ? (/^\[.*\]$/.test(source) ? source : `[${source}]`) : '';
      return [
        {
          type: 'paragraph',
          style: 'term',
          anchor: anchorOf(block.id),
          runs: [
            text(ctx.numbering.term.get(block.id) ?? '', { bold: true }),
            TAB,
            text(block.term, { bold: true }),
            ...(ref ? [text(` ${ref}`)] : []),
            text(': '),
            ...inlineRuns(block.definition, ctx)
          ],
          ...flag
        }
      ];
    }
    case 'abbreviation':
      return [
        {
          type: 'paragraph',
          style: 'abbreviation',
          runs: [text(block.abbr), TAB, text(block.expansion)],
          ...flag
        }
      ];
    case 'reference':
      return [
        {
          type: 'paragraph',
          style: 'reference',
          anchor: anchorOf(block.id),
          runs: [text(`[${block.tag}]`), TAB, ...inlineRuns(block.content, ctx)],
          ...flag
        }
      ];
  }
}

/** "NOTE 1 – " (or "EXAMPLE – ") before the first paragraph; the rest follow as note text. */
function prefixed(
  content: Block[],
  label: string,
  id: string,
  ctx: LayoutContext,
  flag: { policy?: boolean }
): LayoutItem[] {
  const items: LayoutItem[] = [];
  content.forEach((block, index) => {
    const inlines: Inline[] = block.type === 'paragraph' ? block.content : [];
    if (block.type !== 'paragraph') {
      items.push(...blockItem(block, ctx, flag.policy === true, 0));
      return;
    }
    const prefix = index === 0 ? [text(`${label} ${EN_DASH} `)] : [];
    items.push({
      type: 'note',
      runs: [...prefix, ...requirementMarker(ctx, block.id), ...inlineRuns(inlines, ctx)],
      ...(index === 0 ? { anchor: anchorOf(id) } : {}),
      ...flag
    });
  });
  if (items.length === 0) items.push({ type: 'note', runs: [text(`${label} ${EN_DASH} `)], ...flag });
  return items;
}

function caption(
  of: 'table' | 'figure',
  label: string,
  title: Inline[],
  id: string,
  ctx: LayoutContext,
  flag: { policy?: boolean }
): LayoutItem {
  const runs = hasText(title) ? [text(`${label} ${EN_DASH} `), ...inlineRuns(title, ctx)] : [text(label)];
  return { type: 'caption', of, runs, anchor: anchorOf(id), ...flag };
}

function listItem(
  item: Block[],
  bullet: string,
  ctx: LayoutContext,
  policy: boolean,
  depth: number
): LayoutItem[] {
  const [first, ...rest] = item;
  const head: LayoutItem[] =
    first && first.type === 'paragraph'
      ? [
          {
            type: 'paragraph',
            style: 'listItem',
            depth,
            anchor: anchorOf(first.id),
            runs: [
              text(bullet),
              TAB,
              ...requirementMarker(ctx, first.id),
              ...inlineRuns(first.content, ctx)
            ],
            ...(policy ? { policy: true } : {})
          }
        ]
      : [
          { type: 'paragraph', style: 'listItem', depth, runs: [text(bullet)], ...(policy ? { policy: true } : {}) },
          ...(first ? blockItems([first], ctx, policy, depth) : [])
        ];
  return [...head, ...blockItems(rest, ctx, policy, depth)];
}

/** ITU list markers: "–" for bullets; a), b) for ordered lists, then i), ii) when nested. */
function listMarker(ordered: boolean, depth: number, index: number): string {
  if (!ordered) return EN_DASH;
  return depth <= 1 ? `${letters(index)})` : `${roman(index + 1).toLowerCase()})`;
}

function letters(index: number): string {
  let out = '';
  let n = index + 1;
  while (n > 0) {
    n -= 1;
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  }
  return out;
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']
  ];
  let out = '';
  for (const [value, symbol] of table) {
    while (n >= value) {
      out += symbol;
      n -= value;
    }
  }
  return out;
}

/** Only PNG data URLs are embedded: nothing is fetched, and nothing else needs decoding. */
function embeddableImage(src: string): string {
  return /^data:image\/png;base64,[A-Za-z0-9+/=\s]+$/.test(src) ? src.replace(/\s/g, '') : '';
}
