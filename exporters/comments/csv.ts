// The comment-resolution table as CSV (RFC 4180: comma separated, CRLF between records, fields
// quoted when they hold a comma, a quote or a line break, quotes doubled), UTF-8 with a byte
// order mark so that Excel reads non-Latin text correctly, the header row first.
//
// Formula injection: a spreadsheet runs a cell that starts with = + - @ (or their full-width
// forms), a tab or a carriage return as a formula. Such a cell gets a leading apostrophe, which
// spreadsheets read as "this is text" (csv-stringify's escape_formulas). Apart from that
// apostrophe, what users wrote is written verbatim, line breaks included.

import { stringify } from 'csv-stringify/sync';
import { COMMENT_COLUMNS } from './columns';
import { rowCells, type CommentRow } from './rows';

export function commentsCsv(rows: readonly CommentRow[]): string {
  return stringify(rows.map(rowCells), {
    bom: true,
    header: true,
    columns: [...COMMENT_COLUMNS],
    record_delimiter: 'windows',
    // Giving record_delimiter turns this off; line breaks inside a cell must still be quoted.
    quote_record_delimiter: true,
    escape_formulas: true
  });
}
