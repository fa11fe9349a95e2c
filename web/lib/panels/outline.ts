// The outline's rows: every clause in document order with its printed number, title and kind,
// and where a dragged clause may land relative to a row.

import type { Clause, Kind, Standard } from '../../../clauses/model';
import type { DropPlace } from '../../../clauses/structure';
import { inlineText } from '../../../clauses/text';

export interface OutlineRow {
  id: string;
  depth: number;
  /** What the heading prints before the title ("6.2", "Annex A", ""). */
  heading: string;
  title: string;
  kind: Kind;
  role: Clause['role'];
  /** Ids of this clause and all its descendants: a clause cannot be dropped into itself. */
  subtree: Set<string>;
}

function subtreeIds(clause: Clause, into: Set<string>): Set<string> {
  into.add(clause.id);
  for (const child of clause.children) subtreeIds(child, into);
  return into;
}

export function outlineRows(std: Standard, headings: Map<string, string>, kinds: Map<string, Kind>): OutlineRow[] {
  const rows: OutlineRow[] = [];
  const walk = (clauses: Clause[], depth: number) => {
    for (const clause of clauses) {
      rows.push({
        id: clause.id,
        depth,
        heading: headings.get(clause.id) ?? '',
        title: inlineText(clause.title).trim(),
        kind: kinds.get(clause.id) ?? 'normative-technical',
        role: clause.role,
        subtree: subtreeIds(clause, new Set())
      });
      walk(clause.children, depth + 1);
    }
  };
  walk(std.clauses, 0);
  return rows;
}

/** Upper quarter: before; lower quarter: after; the middle: as the row's last sub-clause. */
export function dropPlace(offsetY: number, height: number): DropPlace {
  if (offsetY < height / 4) return 'before';
  if (offsetY > (height * 3) / 4) return 'after';
  return 'inside';
}
