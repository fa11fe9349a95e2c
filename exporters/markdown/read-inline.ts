// Markdown (mdast) and HTML (hast) inline content to the model's `Inline[]`, normalised the way
// ProseMirror stores it: no empty text, adjacent text with the same marks merged, marks in
// schema order, `code` alone.

import type { PhrasingContent } from 'mdast';
import type { ElementContent } from 'hast';
import type { Inline, Mark } from '../../clauses/model';
import type { ReadContext } from './read-context';

const MARK_ORDER: Mark[] = ['bold', 'italic', 'code'];

function withMark(marks: Mark[], mark: Mark): Mark[] {
  if (mark === 'code') return ['code'];
  if (marks.includes('code')) return marks;
  return MARK_ORDER.filter((m) => m === mark || marks.includes(m));
}

/** Appends text, merging it into the previous text when the marks agree. */
export function pushText(out: Inline[], text: string, marks: Mark[] = []): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last?.type === 'text' && sameMarks(last.marks ?? [], marks)) {
    last.text += text;
    return;
  }
  out.push(marks.length ? { type: 'text', text, marks: [...marks] } : { type: 'text', text });
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/** Merges what concatenation may have split; drops empty text. */
export function normaliseInlines(list: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const i of list) {
    if (i.type === 'text') pushText(out, i.text, i.marks ?? []);
    else out.push({ ...i });
  }
  return out;
}

const BR = /^<br\s*\/?>$/i;
/** The empty anchors exports put before cross-reference targets: Markdown reads the open and
 * the close tag as two inline HTML nodes. */
export const ANCHOR = /^(?:<a id="[^"<>]*">|<\/a>)$/;

function isAnchor(node: PhrasingContent | undefined): boolean {
  return node?.type === 'html' && ANCHOR.test(node.value.trim());
}

/** Phrasing without the anchors exports add at its start. */
export function withoutAnchors<T extends PhrasingContent>(nodes: T[]): T[] {
  let k = 0;
  while (isAnchor(nodes[k])) k++;
  return k ? nodes.slice(k) : nodes;
}

export function readPhrasing(nodes: PhrasingContent[], ctx: ReadContext, marks: Mark[] = [], out: Inline[] = []): Inline[] {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        pushText(out, node.value.replace(/\r\n?|\n/g, ' '), marks);
        break;
      case 'strong':
        readPhrasing(node.children, ctx, withMark(marks, 'bold'), out);
        break;
      case 'emphasis':
        readPhrasing(node.children, ctx, withMark(marks, 'italic'), out);
        break;
      case 'delete':
        readPhrasing(node.children, ctx, marks, out);
        break;
      case 'inlineCode':
        pushText(out, node.value, withMark(marks, 'code'));
        break;
      case 'break':
        out.push({ type: 'break' });
        break;
      case 'link':
        if (node.url.startsWith('#') && node.url.length > 1) {
          out.push({ type: 'xref', target: decodeTarget(node.url.slice(1)) });
        } else {
          if (!isAutolink(node)) ctx.dropLink();
          readPhrasing(node.children, ctx, marks, out);
        }
        break;
      case 'linkReference':
        readPhrasing(node.children, ctx, marks, out);
        break;
      case 'image':
      case 'imageReference':
        pushText(out, node.alt ?? '', marks);
        break;
      case 'html':
        if (BR.test(node.value.trim())) out.push({ type: 'break' });
        else if (!/^<!--[\s\S]*-->$/.test(node.value.trim()) && !ANCHOR.test(node.value.trim())) ctx.dropHtml();
        break;
      case 'footnoteReference':
        pushText(out, `[^${node.identifier}]`, marks);
        break;
      default:
        break;
    }
  }
  return out;
}

function isAutolink(node: { url: string; children: PhrasingContent[] }): boolean {
  const text = node.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
  return node.url === text || node.url === `http://${text}` || node.url === `mailto:${text}`;
}

function decodeTarget(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Plain text of phrasing content, line breaks as "\n". */
export function phrasingText(nodes: PhrasingContent[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'inlineCode') out += n.value;
    else if (n.type === 'break') out += '\n';
    else if (n.type === 'html') out += BR.test(n.value.trim()) ? '\n' : '';
    else if ('children' in n) out += phrasingText(n.children as PhrasingContent[]);
    else if (n.type === 'image') out += n.alt ?? '';
  }
  return out;
}

/** HTML inline content (from pandoc's HTML tables) to `Inline[]`. */
export function readHast(nodes: ElementContent[], marks: Mark[] = [], out: Inline[] = []): Inline[] {
  for (const node of nodes) {
    if (node.type === 'text') pushText(out, node.value.replace(/\s*\n\s*/g, ' '), marks);
    else if (node.type === 'element') {
      const tag = node.tagName;
      if (tag === 'br') out.push({ type: 'break' });
      else if (tag === 'script' || tag === 'style' || tag === 'img') continue;
      else if (tag === 'strong' || tag === 'b') readHast(node.children, withMark(marks, 'bold'), out);
      else if (tag === 'em' || tag === 'i') readHast(node.children, withMark(marks, 'italic'), out);
      else if (tag === 'code') readHast(node.children, withMark(marks, 'code'), out);
      else {
        if (out.length && isBlockTag(tag) && out[out.length - 1]?.type !== 'break') out.push({ type: 'break' });
        readHast(node.children, marks, out);
      }
    }
  }
  return out;
}

function isBlockTag(tag: string): boolean {
  return ['p', 'div', 'blockquote', 'li', 'tr', 'table', 'ul', 'ol'].includes(tag);
}

/** Trims leading/trailing whitespace and breaks of inline content (HTML cells, pseudo-headings). */
export function trimInlines(list: Inline[]): Inline[] {
  const out = list.map((i) => ({ ...i }));
  while (out[0]?.type === 'break') out.shift();
  while (out[out.length - 1]?.type === 'break') out.pop();
  const first = out[0];
  if (first?.type === 'text') first.text = first.text.replace(/^\s+/, '');
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text = last.text.replace(/\s+$/, '');
  return normaliseInlines(out.filter((i) => i.type !== 'text' || i.text !== ''));
}
