// The format-neutral layout of an ITU-T style document: an ordered list of rendered items with
// every number, label, caption prefix and fixed sentence already spelled out as text. The HTML
// and DOCX writers only decide how each item looks, so both renditions say the same words in
// the same order (the LibreOffice test compares them).

/** A piece of inline content. Text is already safe for XML (see ./text-safety). */
export type Run =
  | { type: 'text'; text: string; bold?: boolean; italic?: boolean; code?: boolean; href?: string }
  | { type: 'tab' }
  | { type: 'break' };

/** Where a block sits, so writers can shade policy clauses consistently. */
export interface Placement {
  /** Inside a policy-recommendation clause (labelled mode): drawn as a shaded, bordered box. */
  policy?: boolean;
}

export interface TitleBlockItem {
  type: 'titleBlock';
  /** "ITU-T", then the designation ("F.FRS"). */
  sector: string;
  number: string;
  sectorName: string;
  date: string; // "(MM/YYYY)"
  series: string;
  title: string;
  recommendation: string; // "Recommendation ITU-T F.FRS"
}

export interface TdHeaderItem {
  type: 'tdHeader';
  rows: { label: string; value: string }[];
}

export interface RecTitleItem {
  type: 'recTitle';
  recommendation: string; // "Recommendation ITU-T F.FRS" (or "Draft Recommendation …" in a TD)
  title: string;
}

/** Front matter heading (Summary, Keywords, Contents, Introduction): unnumbered, bold. */
export interface FrontHeadingItem extends Placement {
  type: 'frontHeading';
  text: string;
  anchor?: string;
}

export interface HeadingItem extends Placement {
  type: 'heading';
  /** 1 for "6", 2 for "6.2", …; annex and appendix clauses A.1, I.1 are level 1, as in ITU's template. */
  level: number;
  number: string;
  title: Run[];
  anchor: string;
}

/** "Annex A" / "Appendix I" / "Bibliography" / a part title, centred on a new page. */
export interface AnnexTitleItem extends Placement {
  type: 'annexTitle';
  label: string;
  title: Run[];
  anchor: string;
}

export type ParagraphStyle =
  | 'normal'
  | 'leadIn'
  | 'obligation'
  | 'reference'
  | 'term'
  | 'abbreviation'
  | 'listItem'
  | 'notice'
  | 'policyLabel'
  | 'keywords';

export interface ParagraphItem extends Placement {
  type: 'paragraph';
  style: ParagraphStyle;
  runs: Run[];
  /** List depth for list items (1 = "–" / "a)", 2 = nested). */
  depth?: number;
  anchor?: string;
  /** Set on requirement statements; the marker is also present as a run. */
  requirementId?: string;
}

/** A note or example paragraph; the first carries the "NOTE 1 – " prefix as runs. */
export interface NoteItem extends Placement {
  type: 'note';
  runs: Run[];
  anchor?: string;
}

export interface CaptionItem extends Placement {
  type: 'caption';
  of: 'table' | 'figure';
  /** "Table 1 – Title" as runs (the prefix is the first text run). */
  runs: Run[];
  anchor?: string;
}

export interface TableItem extends Placement {
  type: 'table';
  header: boolean;
  rows: Run[][][];
}

export interface FigureItem extends Placement {
  type: 'figure';
  /** A data: URL of a PNG or JPEG image, or '' when the figure has no embeddable image. */
  image: string;
  alt: string;
}

export interface CodeItem extends Placement {
  type: 'code';
  text: string;
}

export interface TocItem {
  type: 'toc';
  title: string;
  entries: { number: string; title: string; level: number; anchor: string }[];
}

/** Front matter ends here: the core restarts page numbering at 1. */
export interface CoreStartItem {
  type: 'coreStart';
}

export type LayoutItem =
  | TitleBlockItem
  | TdHeaderItem
  | RecTitleItem
  | FrontHeadingItem
  | HeadingItem
  | AnnexTitleItem
  | ParagraphItem
  | NoteItem
  | CaptionItem
  | TableItem
  | FigureItem
  | CodeItem
  | TocItem
  | CoreStartItem;

export interface Layout {
  /** The document title, for <title> and the .docx core properties. */
  title: string;
  /** "Rec. ITU-T F.FRS (11/2026)" with a non-breaking hyphen: the footer text. */
  footer: string;
  language: string;
  items: LayoutItem[];
}
