// Raw HTML blocks in Markdown, as pandoc writes them for Word tables and images: parsed with
// hast-util-from-html (never with regular expressions), reduced to what the model holds.

import { fromHtml } from 'hast-util-from-html';
import type { Element, ElementContent, Root } from 'hast';
import type { Inline } from '../../clauses/model';
import { ImportError } from './errors';
import { readHast, trimInlines } from './read-inline';

const MAX_HTML_DEPTH = 256;

export interface HtmlTable {
  header: boolean;
  rows: Inline[][][];
  /** The paragraphs of each cell, for one-cell layout tables that hold front matter. */
  cellParagraphs: Inline[][][][];
  text: string;
}

export function parseHtmlFragment(html: string, line?: number): Root {
  guardDepth(html, line);
  return fromHtml(html, { fragment: true });
}

/**
 * Refuses absurd tag nesting before the tree is built (hast conversion recurses). A tag-name
 * scan over one HTML block is enough to bound depth; it is not used to read the content.
 */
function guardDepth(html: string, line?: number): void {
  let depth = 0;
  let max = 0;
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;
  const voids = new Set(['br', 'img', 'col', 'hr', 'input', 'meta', 'link', 'wbr', 'area', 'source']);
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (voids.has(m[2]!.toLowerCase()) || m[3]) continue;
    depth += m[1] ? -1 : 1;
    if (depth > max) max = depth;
    if (max > MAX_HTML_DEPTH)
      throw new ImportError(
        `the HTML block${line ? ` at line ${line}` : ''} nests elements more than ${MAX_HTML_DEPTH} levels deep; flatten it before importing`
      );
  }
}

function elements(nodes: ElementContent[] | Root['children'], name: string, out: Element[] = [], stopAt?: string): Element[] {
  for (const n of nodes) {
    if (n.type !== 'element') continue;
    if (n.tagName === name) out.push(n);
    else if (n.tagName !== stopAt) elements(n.children, name, out, stopAt);
  }
  return out;
}

export function textOf(nodes: ElementContent[] | Root['children']): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += n.value;
    else if (n.type === 'element') out += (n.tagName === 'br' || n.tagName === 'p' ? ' ' : '') + textOf(n.children);
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** The first <table> of an HTML block, rows and cells as inline content; undefined if none. */
export function readHtmlTable(root: Root): HtmlTable | undefined {
  const table = elements(root.children, 'table')[0];
  if (!table) return undefined;
  // Rows of this table only, not of tables nested in its cells.
  const rows = elements(table.children, 'tr', [], 'table');
  const header = rows[0] ? rows[0].children.some((c) => c.type === 'element' && c.tagName === 'th') : false;
  const cells = rows.map((tr) => tr.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th')));
  return {
    header,
    rows: cells.map((row) => row.map((cell) => trimInlines(readHast(cell.children)))),
    cellParagraphs: cells.map((row) => row.map(cellParagraphs)),
    text: textOf(table.children)
  };
}

function cellParagraphs(cell: Element): Inline[][] {
  const paras = elements(cell.children, 'p', [], 'table');
  if (!paras.length) {
    const only = trimInlines(readHast(cell.children.filter((c) => !(c.type === 'element' && c.tagName === 'table'))));
    return only.length ? [only] : [];
  }
  return paras.map((p) => trimInlines(readHast(p.children))).filter((p) => p.length > 0);
}

/** The first image of an HTML block. */
export function readHtmlImage(root: Root): { src: string; alt: string } | undefined {
  const img = elements(root.children, 'img')[0];
  if (!img) return undefined;
  return { src: String(img.properties.src ?? ''), alt: String(img.properties.alt ?? '') };
}

/** Inline content of an arbitrary HTML block (scripts and styles dropped). */
export function readHtmlText(root: Root): Inline[] {
  return trimInlines(readHast(root.children as ElementContent[]));
}
