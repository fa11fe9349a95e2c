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
  /** How many rows after this one are its descendants: a clause cannot be dropped into itself. */
  descendants: number;
}

function sameRow(a: OutlineRow, b: OutlineRow): boolean {
  return (
    a.id === b.id &&
    a.depth === b.depth &&
    a.heading === b.heading &&
    a.title === b.title &&
    a.kind === b.kind &&
    a.role === b.role &&
    a.descendants === b.descendants
  );
}

/**
 * The rows in document order. Rows equal to one in `previous` are that very object, so the list
 * re-renders only the rows that changed (a keystroke changes none or one, not two thousand).
 */
export function outlineRows(
  std: Standard,
  headings: Map<string, string>,
  kinds: Map<string, Kind>,
  previous: readonly OutlineRow[] = []
): OutlineRow[] {
  const old = new Map(previous.map((row) => [row.id, row]));
  const rows: OutlineRow[] = [];
  const walk = (clauses: Clause[], depth: number) => {
    for (const clause of clauses) {
      const at = rows.length;
      const row: OutlineRow = {
        id: clause.id,
        depth,
        heading: headings.get(clause.id) ?? '',
        title: inlineText(clause.title).trim(),
        kind: kinds.get(clause.id) ?? 'normative-technical',
        role: clause.role,
        descendants: 0
      };
      rows.push(row);
      walk(clause.children, depth + 1);
      row.descendants = rows.length - at - 1;
      const before = old.get(row.id);
      if (before && sameRow(before, row)) rows[at] = before;
    }
  };
  walk(std.clauses, 0);
  return rows;
}

/** Whether the row at `index` is the row at `from` or one of its descendants. */
export function inSubtree(rows: readonly OutlineRow[], from: number, index: number): boolean {
  const root = rows[from];
  return !!root && index >= from && index <= from + root.descendants;
}

/** The slice of rows a viewport of `height` px scrolled `top` px into the list shows. */
export function visibleRange(count: number, rowHeight: number, top: number, height: number, overscan = 20) {
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + height) / rowHeight) + overscan);
  return { start: Math.min(first, last), end: last };
}

/** Upper quarter: before; lower quarter: after; the middle: as the row's last sub-clause. */
export function dropPlace(offsetY: number, height: number): DropPlace {
  if (offsetY < height / 4) return 'before';
  if (offsetY > (height * 3) / 4) return 'after';
  return 'inside';
}
