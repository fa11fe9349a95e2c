// The comment-resolution table as a .docx: A4 landscape, the draft's designation and title above
// a table whose header row repeats on every page, in the ITU-T template's styles
// (exporters/itu/docx-styles.ts) so that it sits beside the exported draft.
//
// Hostile text: the `docx` package escapes XML specials; characters XML cannot hold at all are
// replaced visibly by exporters/itu/text-safety.ts (U+0000 → "␀"); text holding bidirectional
// controls is isolated (FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE) so that an unclosed
// override cannot reverse the cells after it. Each line of a cell is its own paragraph.

import {
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType
} from 'docx';
import type { Standard } from '../../clauses/model';
import { STYLE, ituStyles } from '../itu/docx-styles';
import { hasBidiControl, oneLine, xmlSafe } from '../itu/text-safety';
import { COMMENT_COLUMNS, type CommentColumn } from './columns';
import { rowCells, type CommentRow } from './rows';

/** A4 in twips (portrait figures; the package swaps them for landscape), 2.0 cm margins. */
const PAGE = { width: 11906, height: 16838 };
const MARGIN = 1134;
const TEXT_WIDTH = PAGE.height - 2 * MARGIN;

/** Twips per column (summing to TEXT_WIDTH); the prose columns get the room. */
const COLUMN_WIDTHS: Record<CommentColumn, number> = {
  Member: 1600,
  'Clause/Subclause': 1900,
  'Paragraph/Figure/Table': 2000,
  'Type of comment': 800,
  Comments: 3300,
  'Proposed change': 2500,
  'Observations/Resolution': 2470
};

export interface CommentsDocxOptions {
  /** What the table holds, e.g. "all comments" (filter.ts describeFilter). */
  scope?: string;
}

export async function commentsDocx(
  std: Standard,
  rows: readonly CommentRow[],
  options: CommentsDocxOptions = {}
): Promise<Uint8Array> {
  const designation = oneLine(std.meta.designation.trim());
  const title = oneLine(std.meta.title.trim());
  const doc = new Document({
    title: `Comments on ${designation || title}`,
    creator: 'Clausework',
    styles: ituStyles(),
    sections: [
      {
        properties: {
          page: {
            size: { ...PAGE, orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 }
          }
        },
        footers: { default: footer(designation) },
        children: [
          ...(designation ? [new Paragraph({ style: STYLE.recNo, children: textRuns(designation) })] : []),
          new Paragraph({ style: STYLE.headingB, children: textRuns(title || '(untitled draft)') }),
          new Paragraph({ children: textRuns(summary(std, rows.length, options.scope)) }),
          commentTable(rows),
          ...(rows.length ? [] : [new Paragraph({ style: STYLE.tableText, children: textRuns('No comments.') })])
        ]
      }
    ]
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** "Comment resolution table, draft 0.3: 12 comments (open comments)". */
function summary(std: Standard, count: number, scope?: string): string {
  const version = oneLine(std.meta.version.trim());
  const what = `Comment resolution table${version ? `, draft ${version}` : ''}`;
  return `${what}: ${count} ${count === 1 ? 'comment' : 'comments'}${scope ? ` (${scope})` : ''}`;
}

function footer(designation: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [
          new TextRun({
            children: [...(designation ? [`Comments on ${designation}`] : []), new Tab(), PageNumber.CURRENT]
          })
        ]
      })
    ]
  });
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function commentTable(rows: readonly CommentRow[]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COMMENT_COLUMNS.map((name) => COLUMN_WIDTHS[name]),
    // Fixed: a long word wraps inside its column instead of widening it off the page.
    layout: TableLayoutType.FIXED,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: COMMENT_COLUMNS.map((name) => cell(name, name, STYLE.tableHead))
      }),
      ...rows.map((row) => {
        const texts = rowCells(row);
        return new TableRow({ children: COMMENT_COLUMNS.map((name, i) => cell(texts[i] ?? '', name, STYLE.tableText)) });
      })
    ]
  });
}

function cell(text: string, column: CommentColumn, style: string): TableCell {
  return new TableCell({
    width: { size: COLUMN_WIDTHS[column], type: WidthType.DXA },
    children: text.split(/\r\n|\r|\n|\u2028|\u2029/).map((line) => new Paragraph({ style, children: textRuns(line) }))
  });
}

function textRuns(text: string): TextRun[] {
  const safe = xmlSafe(text);
  if (!safe) return [];
  const isolated = hasBidiControl(safe) ? `\u2068${safe}\u2069` : safe;
  const children = isolated
    .split('\t')
    .flatMap((part, i) => [...(i > 0 ? [new Tab()] : []), ...(part ? [part] : [])]);
  return [new TextRun({ children })];
}
