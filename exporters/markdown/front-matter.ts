// Recognising the material a Word Recommendation converted by pandoc carries around its clauses:
// the cover table, the series list, the one-cell tables holding Summary, History and Keywords,
// the foreword, the table of contents, the title block before clause 1, and the series list at
// the back. None of it is a clause; some of it tells us the standard's metadata.

import type { Inline, StandardMeta } from '../../clauses/model';
import { inlineText } from '../../clauses/text';
import type { HtmlTable } from './read-html';

const NB_HYPHEN = /[\u2010\u2011]/g;

/** Metadata printed on an ITU cover: designation, date, series. */
export function sniffCover(table: HtmlTable): Partial<StandardMeta> {
  const out: Partial<StandardMeta> = {};
  for (const row of table.cellParagraphs)
    for (const cell of row)
      for (const para of cell) {
        const text = inlineText(para).replace(NB_HYPHEN, '-').trim();
        const date = /^\((\d{2}\/\d{4})\)$/.exec(text);
        if (date) out.date = date[1]!;
        if (/^SERIES [A-Z]+:/.test(text)) out.series = text;
        const rec = titleLine(text);
        if (rec) out.designation = rec;
      }
  return out;
}

export function isCoverTable(table: HtmlTable): boolean {
  return /International Telecommunication Union|TELECOMMUNICATION STANDARDIZATION SECTOR/i.test(table.text);
}

/** The list of ITU-T series printed on covers and back pages. */
export function isSeriesTable(table: HtmlTable): boolean {
  return /SERIES OF ITU-T RECOMMENDATIONS|TELEGRAPH SERVICE|Organization of the work of ITU-T/i.test(table.text);
}

export type FrontTable =
  | { kind: 'clause'; role: 'summary' | 'keywords' | 'introduction'; title: string; paragraphs: Inline[][] }
  | { kind: 'title'; designation: string; title: string }
  | { kind: 'skip' };

/** A one-cell layout table holding a front-matter section, as Word's ITU template makes them. */
export function frontTable(table: HtmlTable): FrontTable | undefined {
  if (table.cellParagraphs.length !== 1 || table.cellParagraphs[0]!.length !== 1) return undefined;
  const [head, ...rest] = table.cellParagraphs[0]![0]!;
  if (!head) return undefined;
  const first = inlineText(head).trim();
  const role = /^(summary|keywords|introduction)$/i.exec(first)?.[1]?.toLowerCase();
  if (role) return { kind: 'clause', role: role as 'summary', title: capitalise(role), paragraphs: rest };
  if (/^history$/i.test(first)) return { kind: 'skip' };
  const designation = titleLine(first.replace(NB_HYPHEN, '-'));
  if (designation) return { kind: 'title', designation, title: rest.map((p) => inlineText(p)).join(' ').replace(/\s+/g, ' ').trim() };
  return undefined;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Recommendation ITU-T F.921" → "ITU-T F.921". */
export function titleLine(text: string): string | undefined {
  const m = /^Recommendation\s+(ITU-[TR]\s+[A-Z]+\.\S+|[A-Z][\w.-]*\s*[A-Z]?\.\S+)$/.exec(text.replace(NB_HYPHEN, '-').trim());
  return m?.[1];
}

/** A table-of-contents line: a title followed by a page number, or the "Page" header. */
export function isTocEntry(text: string): boolean {
  const t = text.trim();
  return /^page$/i.test(t) || /\S\s+(\d{1,4}|[ivxlc]{1,6})$/i.test(t);
}

export const FRONT_HEADINGS = /^(foreword|intellectual property rights|preface|history|©?\s*ITU \d{4})$/i;
export const CONTENTS_HEADING = /^(table of )?contents$/i;
