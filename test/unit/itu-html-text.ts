// Reading an exported HTML file back the way a reader sees it: its block elements in order,
// each with its text and classes. Shared by the unit tests and the LibreOffice comparison.

import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes, Root } from 'hast';

export interface HtmlBlock {
  tag: string;
  classes: string[];
  text: string;
  element: Element;
  /** Classes of the enclosing elements, innermost first. */
  ancestors: string[][];
}

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'th', 'td', 'pre']);

export function parseHtml(html: string): Root {
  return fromHtml(html);
}

export function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && node.tagName === 'br') return '\n';
  if ('children' in node) return node.children.map((c) => textOf(c as Nodes)).join('');
  return '';
}

export function classesOf(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

export function htmlBlocks(html: string): HtmlBlock[] {
  const blocks: HtmlBlock[] = [];
  const walk = (node: Nodes, ancestors: string[][]) => {
    if (node.type === 'element') {
      if (node.tagName === 'head') return;
      if (BLOCK_TAGS.has(node.tagName)) {
        blocks.push({ tag: node.tagName, classes: classesOf(node), text: textOf(node), element: node, ancestors });
        return;
      }
      const inner = [classesOf(node), ...ancestors];
      node.children.forEach((c) => walk(c as Nodes, inner));
      return;
    }
    if (node.type === 'root') node.children.forEach((c) => walk(c as Nodes, ancestors));
  };
  walk(parseHtml(html), []);
  return blocks;
}

export function allElements(tree: Root): Element[] {
  const out: Element[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'element') out.push(node);
    if ('children' in node) node.children.forEach((c) => walk(c as Nodes));
  };
  walk(tree);
  return out;
}

/** Whitespace collapsed, the non-breaking hyphen read as a hyphen, bidi isolates dropped. */
export function normaliseText(text: string): string {
  return text
    .replace(/[\u2010\u2011]/g, '-')
    .normalize('NFKC')
    .replace(/[\u2068\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
