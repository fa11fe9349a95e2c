// Where a JSON path lies in the source text of a JSON or YAML file (line and column, 1-based),
// so reports can point at the line as Spectral's do. JSON is read as YAML 1.2, of which it is a
// subset; a file the YAML reader cannot follow simply gets no positions.

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { PathSegment } from './select';

export interface Position {
  line: number;
  column: number;
}

export type Locator = (path: PathSegment[]) => Position | undefined;

export function sourceLocator(text: string): Locator {
  const lineCounter = new LineCounter();
  let root: YamlNode | null = null;
  try {
    const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
    root = doc.errors.length === 0 ? (doc.contents as YamlNode | null) : null;
  } catch {
    root = null;
  }
  return (path) => {
    if (!root) return undefined;
    const offset = offsetOf(root, path);
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

/** The start of the node at `path`; for an object member, the start of its key. */
function offsetOf(root: YamlNode, path: PathSegment[]): number | undefined {
  let node: unknown = root;
  let offset = root.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(segment));
      if (!pair) return undefined;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) return undefined;
      node = item;
      offset = (item as YamlNode).range?.[0];
    } else {
      return undefined;
    }
  }
  return offset;
}
