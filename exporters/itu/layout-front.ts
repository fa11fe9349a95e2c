// The front of the document: the cover title block (Recommendation form) or the TD header
// table, the Recommendation number and title, Summary, Keywords, the table of contents and the
// Introduction, in ITU order; and the footer text.

import type { Standard } from '../../clauses/model';
import type { LayoutItem, TocItem } from './layout';
import type { LayoutContext } from './layout-context';
import { oneLine } from './text-safety';
import { SECTOR_NAME, TD_LABELS, ituNonBreaking } from './wording';

export interface FrontParts {
  summary: LayoutItem[];
  keywords: LayoutItem[];
  introduction: LayoutItem[];
  toc: TocItem;
}

/** "F.FRS" from "ITU-T F.FRS": the number ITU prints after "Recommendation ITU-T". */
export function recommendationNumber(std: Standard): string {
  const number = std.meta.designation.trim().replace(/^ITU[-\u2011 ]?T\s+/i, '');
  return oneLine(number || 'X.xxx');
}

/** "(11/2026)", or "(draft 0.3)" while the standard has no approval date. */
function printedDate(std: Standard): string {
  const date = std.meta.date.trim();
  if (date) return oneLine(date);
  const version = std.meta.version.trim();
  return oneLine(version ? `draft ${version}` : 'draft');
}

export function footerText(std: Standard): string {
  return ituNonBreaking(`Rec. ITU-T ${recommendationNumber(std)} (${printedDate(std)})`);
}

export function frontItems(std: Standard, ctx: LayoutContext, parts: FrontParts): LayoutItem[] {
  const number = recommendationNumber(std);
  const title = oneLine(std.meta.title);
  const recommendation = ituNonBreaking(`Recommendation ITU-T ${number}`);
  const opening: LayoutItem[] =
    ctx.options.form === 'td'
      ? [tdHeader(std, ctx, number)]
      : [
          {
            type: 'titleBlock',
            sector: ituNonBreaking('ITU-T'),
            number,
            sectorName: SECTOR_NAME,
            date: `(${printedDate(std)})`,
            series: oneLine(std.meta.series.toUpperCase()),
            title,
            recommendation
          }
        ];
  return [
    ...opening,
    { type: 'recTitle', recommendation, title },
    ...parts.summary,
    ...parts.keywords,
    parts.toc,
    ...parts.introduction
  ];
}

function tdHeader(std: Standard, ctx: LayoutContext, number: string): LayoutItem {
  const td = ctx.options.td ?? {};
  const value = (given: string | undefined, fallback = '') => oneLine(given?.trim() || fallback);
  return {
    type: 'tdHeader',
    rows: [
      { label: TD_LABELS.questions, value: value(td.questions) },
      { label: TD_LABELS.meeting, value: value(td.meeting) },
      { label: TD_LABELS.studyGroup, value: value(td.studyGroup, std.meta.studyGroup) },
      { label: TD_LABELS.workingParty, value: value(td.workingParty) },
      { label: TD_LABELS.type, value: 'TD' },
      { label: TD_LABELS.source, value: value(td.source) },
      {
        label: TD_LABELS.title,
        value: value(td.title, ituNonBreaking(`Draft Recommendation ITU-T ${number}: ${std.meta.title}`))
      },
      { label: TD_LABELS.contact, value: value(td.contact) }
    ]
  };
}
