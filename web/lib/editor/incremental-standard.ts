// Converts the editor's document to a `Standard` again after each change, re-reading only the
// clauses whose nodes changed. ProseMirror shares unchanged nodes between document versions, so
// an unchanged clause yields the very same Clause object (and an edited clause keeps its
// untouched sub-clauses): the analysis engine's per-clause memo then recomputes one clause per
// keystroke instead of the whole standard.
//
// Exactness: docToStandard derives ids from positions for nodes without one (legacy content).
// Position-derived ids depend on where the clause sits, so such a document is converted whole.

import { Fragment, type Node as PMNode } from '@tiptap/pm/model';
import { docToStandard } from '../../../clauses/convert';
import type { Clause, Standard, StandardMeta } from '../../../clauses/model';

interface OwnContent {
  nodes: readonly PMNode[];
  role: unknown;
  kind: unknown;
  /** The clause converted without its sub-clauses. */
  clause: Clause;
}

function hasMissingId(nodes: readonly PMNode[]): boolean {
  let missing = false;
  const check = (node: PMNode) => {
    // Cell paragraphs become inline content in the model: their ids are never read.
    if (missing || node.isText || node.type.name === 'table') return false;
    const attrs = node.type.spec.attrs;
    if (attrs && 'id' in attrs) {
      const id = node.attrs.id;
      if (typeof id !== 'string' || id === '') missing = true;
    }
    return !missing;
  };
  for (const node of nodes) {
    if (check(node)) node.descendants(check);
  }
  return missing;
}

function sameNodes(a: readonly PMNode[], b: readonly PMNode[]): boolean {
  return a.length === b.length && a.every((node, i) => node === b[i]);
}

function sameClauses(a: readonly Clause[], b: readonly Clause[]): boolean {
  return a.length === b.length && a.every((clause, i) => clause === b[i]);
}

export type StandardReader = (doc: PMNode, meta: StandardMeta) => Standard;

/** A reader that remembers the previous document's clauses; keep one per open document. */
export function createStandardReader(): StandardReader {
  let byNode = new WeakMap<PMNode, Clause>();
  const own = new Map<string, OwnContent>();

  class NeedsFullConversion extends Error {}

  const read = (node: PMNode, doc: PMNode, meta: StandardMeta): Clause => {
    const hit = byNode.get(node);
    if (hit) return hit;
    const id = node.attrs.id;
    if (typeof id !== 'string' || id === '') throw new NeedsFullConversion();
    const ownNodes: PMNode[] = [];
    const childNodes: PMNode[] = [];
    node.forEach((child) => (child.type.name === 'clause' ? childNodes : ownNodes).push(child));

    let base = own.get(id);
    if (!base || base.role !== node.attrs.role || base.kind !== node.attrs.kind || !sameNodes(base.nodes, ownNodes)) {
      if (hasMissingId(ownNodes)) throw new NeedsFullConversion();
      const alone = node.copy(Fragment.fromArray(ownNodes));
      const converted = docToStandard(doc.type.create(null, alone), meta).clauses[0]!;
      base = { nodes: ownNodes, role: node.attrs.role, kind: node.attrs.kind, clause: converted };
      own.set(id, base);
    }
    const children = childNodes.map((child) => read(child, doc, meta));
    const clause = sameClauses(children, base.clause.children) ? base.clause : { ...base.clause, children };
    base.clause = clause;
    byNode.set(node, clause);
    return clause;
  };

  return (doc, meta) => {
    try {
      const clauses: Clause[] = [];
      doc.forEach((child) => clauses.push(read(child, doc, meta)));
      return { meta, clauses };
    } catch (error) {
      if (!(error instanceof NeedsFullConversion)) throw error;
      byNode = new WeakMap();
      own.clear();
      return docToStandard(doc, meta);
    }
  };
}
