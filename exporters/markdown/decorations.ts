// The text an export adds around content (numbers, "NOTE –", caption labels, term numbers,
// reference tags) and the patterns that recognise it on import. Writer and reader share this
// file so that what one adds the other strips exactly.

export const DASH = '\u2013';

export const notePrefix = (label: string): string => `${label || 'NOTE'} ${DASH} `;
export const examplePrefix = (): string => `EXAMPLE ${DASH} `;
export const tablePrefix = (num: string): string => `Table${num ? ` ${num}` : ''} ${DASH} `;
export const figurePrefix = (num: string): string => `Figure${num ? ` ${num}` : ''} ${DASH} `;
export const abbreviationPrefix = (abbr: string): string => `${abbr}\t`;
export const referencePrefix = (tag: string): string => `[${tag}]\t`;

/** A term entry's bold part ("3.2.1 audio alert") and what follows it before the definition. */
export function termDecoration(num: string, term: string, source: string): { strong: string; after: string } {
  return { strong: [num, term].filter(Boolean).join(' '), after: source ? ` [${source}]: ` : ': ' };
}

/** What a heading prints before the title, separator included. */
export function headingPrefix(heading: string, role: string): string {
  if (!heading) return '';
  return role === 'annex' || role === 'appendix' ? `${heading} ${DASH} ` : `${heading} `;
}

export const ANNEX_OBLIGATION = '(This annex forms an integral part of this Recommendation.)';
export const APPENDIX_OBLIGATION = '(This appendix does not form an integral part of this Recommendation.)';
export const OBLIGATION_LINE = /^\(This (annex|appendix) (forms|does not form) an integral part of this (Recommendation|\w+)\.?\)$/i;

// Lenient forms met in real drafts: en dash, em dash, hyphen, colon.
const SEP = '\\s*[\u2013\u2014\u2012:-]\\s*';
export const NOTE_LEAD = new RegExp(`^NOTE(?:\\s+(\\d+))?${SEP}`);
export const EXAMPLE_LEAD = new RegExp(`^EXAMPLE(?:\\s+(\\d+))?${SEP}`);
const LABEL_NUM = '(?:(?:[A-Z]|[IVXLC]+)\\.)?\\d+(?:-\\d+)?';
export const TABLE_LEAD = new RegExp(`^Table\\s+${LABEL_NUM}(?:${SEP}|\\s*$)`);
export const FIGURE_LEAD = new RegExp(`^Figure\\s+${LABEL_NUM}(?:${SEP}|\\s*$)`);

/** Removes `prefix` from the start of `text`; tolerant of the trailing space Markdown trims. */
export function stripExact(text: string, prefix: string): string | undefined {
  if (text.startsWith(prefix)) return text.slice(prefix.length);
  if (text === prefix.trimEnd()) return '';
  return undefined;
}
