// Selecting the nodes a check applies to, the way Spectral does for a rule's `given` and
// `then.field`, so that our checker and Spectral find the same things.

import { JSONPath } from 'jsonpath-plus';

export type PathSegment = string | number;

export interface Node {
  path: PathSegment[];
  value: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && (typeof v === 'object' || typeof v === 'function');

/** The nodes a JSONPath expression selects, with their paths from the document root. */
export function selectNodes(document: unknown, expr: string): Node[] {
  if (!isObject(document)) return expr.trim() === '$' ? [{ path: [], value: document }] : [];
  const out: Node[] = [];
  JSONPath({
    path: expr,
    json: document,
    resultType: 'all',
    wrap: true,
    eval: 'safe',
    callback: (result: { path: string; value: unknown }) => {
      out.push({ path: typedPath(document, JSONPath.toPathArray(result.path).slice(1)), value: result.value });
    }
  });
  return out;
}

/** Array positions as numbers, so paths print as "$.items[0]" and JSON reports keep their type. */
function typedPath(document: unknown, segments: string[]): PathSegment[] {
  const out: PathSegment[] = [];
  let piece: unknown = document;
  for (const segment of segments) {
    const index = Array.isArray(piece) && /^\d+$/.test(segment) ? Number(segment) : segment;
    out.push(index);
    piece = isObject(piece) ? (piece as Record<string, unknown>)[segment] : undefined;
  }
  return out;
}

/**
 * What the assertion is applied to below a selected node: each key ("@key"), the value at a
 * dotted field path, or the node itself. As in Spectral, a field is read only on objects and
 * arrays; any other node is tested as it is.
 */
export function lintTargets(node: Node, field: string | undefined): Node[] {
  if (!isObject(node.value) || field === undefined) return [{ path: [], value: node.value }];
  if (field === '@key') {
    const keys = Object.keys(node.value);
    return keys.length > 0 ? keys.map((key) => ({ path: [key], value: key })) : [{ path: [], value: undefined }];
  }
  if (field.startsWith('$')) {
    const found = selectNodes(node.value, field);
    return found.length > 0 ? found : [{ path: [], value: undefined }];
  }
  const segments = field.split('.');
  return [{ path: segments, value: valueAt(node.value, segments) }];
}

function valueAt(value: unknown, segments: string[]): unknown {
  let piece = value;
  for (const segment of segments) {
    if (!isObject(piece) || !Object.hasOwn(piece, segment)) return undefined;
    piece = (piece as Record<string, unknown>)[segment];
  }
  return piece;
}

/** The longest prefix of `path` that exists in the document: where a missing field is reported. */
export function closestExistingPath(document: unknown, path: PathSegment[]): PathSegment[] {
  const out: PathSegment[] = [];
  let piece = document;
  for (const segment of path) {
    if (!isObject(piece) || !Object.hasOwn(piece, segment)) break;
    out.push(Array.isArray(piece) && typeof segment === 'string' && /^\d+$/.test(segment) ? Number(segment) : segment);
    piece = (piece as Record<string, unknown>)[String(segment)];
  }
  return out;
}

/** "$.properties.skin_colour", "$.items[0]", "$['odd key']". */
export function printJsonPath(path: PathSegment[]): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
