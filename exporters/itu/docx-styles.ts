// Word styles of the ITU-T template (shared/samples/itu-t-skeleton-td.docx), by the same ids so
// that an editor at ITU finds the styles they know: Normal is Times New Roman 12 pt with 6 pt
// before; headings are 12 pt bold with a 1.4 cm (794 twip) hanging indent; the Recommendation
// number, title and annex titles 14 pt bold; notes and table text 11 pt.

import { AlignmentType, ShadingType, BorderStyle, type IStylesOptions } from 'docx';

const FONT = 'Times New Roman';
/** Half-points. */
const SIZE_BODY = 24;
const SIZE_SMALL = 22;
const SIZE_TITLE = 28;
/** Twips: 1.4 cm. */
export const HANGING = 794;

export const POLICY_FILL = 'FFF3D6';
const POLICY_BORDER = { style: BorderStyle.SINGLE, size: 12, color: '8A5A00', space: 4 };
export const POLICY_BORDERS = {
  top: POLICY_BORDER,
  bottom: POLICY_BORDER,
  left: POLICY_BORDER,
  right: POLICY_BORDER
};

/** Style ids, as the ITU template names them where it has one. */
export const STYLE = {
  recNo: 'RecNo',
  recTitle: 'Rectitle',
  headingB: 'Headingb',
  annexTitle: 'AnnexNotitle',
  reference: 'Reftext',
  note: 'Note',
  tableHead: 'Tablehead',
  tableText: 'Tabletext',
  tableCaption: 'TableNotitle',
  figureCaption: 'FigureNotitle',
  figure: 'Figure',
  obligation: 'Annexref',
  term: 'Term',
  abbreviation: 'Abbreviation',
  code: 'Code',
  notice: 'Notice',
  policy: 'Policy',
  policyLabel: 'PolicyLabel',
  cover: 'Cover',
  coverBig: 'CoverBig',
  footer: 'Footer',
  toc: (level: number) => `TOC${level}`,
  heading: (level: number) => `Heading${Math.min(Math.max(level, 1), 6)}`,
  list: (depth: number) => `enumlev${Math.min(Math.max(depth, 1), 3)}`
} as const;

/** Word's names for the styles a TOC field's \t switch refers to. */
export const ANNEX_STYLE_NAME = 'Annex_No & title';

function headingStyle(level: number) {
  return {
    id: STYLE.heading(level),
    name: `heading ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { bold: true, size: SIZE_BODY, font: FONT },
    paragraph: {
      keepNext: true,
      keepLines: true,
      spacing: { before: level === 1 ? 360 : level === 2 ? 240 : 160 },
      indent: { left: HANGING, hanging: HANGING },
      outlineLevel: level - 1
    }
  };
}

export function ituStyles(): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: FONT, size: SIZE_BODY },
        paragraph: { spacing: { before: 120 } }
      }
    },
    paragraphStyles: [
      {
        id: 'Normal',
        name: 'Normal',
        quickFormat: true,
        run: { font: FONT, size: SIZE_BODY },
        paragraph: { spacing: { before: 120 } }
      },
      ...[1, 2, 3, 4, 5, 6].map(headingStyle),
      {
        id: STYLE.recNo,
        name: 'Rec_No',
        basedOn: 'Normal',
        next: 'Normal',
        run: { bold: true, size: SIZE_TITLE },
        paragraph: { keepNext: true, spacing: { before: 0 } }
      },
      {
        id: STYLE.recTitle,
        name: 'Rec_title',
        basedOn: 'Normal',
        next: 'Normal',
        run: { bold: true, size: SIZE_TITLE },
        paragraph: { keepNext: true, alignment: AlignmentType.CENTER, spacing: { before: 360 } }
      },
      {
        id: STYLE.headingB,
        name: 'Heading_b',
        basedOn: 'Normal',
        next: 'Normal',
        run: { bold: true },
        paragraph: { keepNext: true, spacing: { before: 160 } }
      },
      {
        id: STYLE.annexTitle,
        name: ANNEX_STYLE_NAME,
        basedOn: 'Normal',
        next: 'Normal',
        run: { bold: true, size: SIZE_TITLE },
        paragraph: {
          keepNext: true,
          keepLines: true,
          alignment: AlignmentType.CENTER,
          spacing: { before: 480 }
        }
      },
      {
        id: STYLE.obligation,
        name: 'Annex_ref',
        basedOn: 'Normal',
        next: 'Normal',
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240 } }
      },
      {
        id: STYLE.reference,
        name: 'Ref_text',
        basedOn: 'Normal',
        paragraph: { indent: { left: 2268, hanging: 2268 }, leftTabStop: 2268 }
      },
      {
        id: STYLE.term,
        name: 'Term',
        basedOn: 'Normal',
        paragraph: { leftTabStop: HANGING }
      },
      {
        id: STYLE.abbreviation,
        name: 'Abbreviation',
        basedOn: 'Normal',
        paragraph: { indent: { left: 1701, hanging: 1701 }, leftTabStop: 1701 }
      },
      {
        id: STYLE.note,
        name: 'Note',
        basedOn: 'Normal',
        run: { size: SIZE_SMALL },
        paragraph: { spacing: { before: 80 } }
      },
      {
        id: STYLE.tableHead,
        name: 'Table_head',
        basedOn: 'Normal',
        run: { bold: true, size: SIZE_SMALL },
        paragraph: {
          keepNext: true,
          alignment: AlignmentType.CENTER,
          spacing: { before: 80, after: 80 }
        }
      },
      {
        id: STYLE.tableText,
        name: 'Table_text',
        basedOn: 'Normal',
        run: { size: SIZE_SMALL },
        paragraph: { spacing: { before: 40, after: 40 } }
      },
      {
        id: STYLE.tableCaption,
        name: 'Table_No & title',
        basedOn: 'Normal',
        next: 'Normal',
        run: { bold: true },
        paragraph: {
          keepNext: true,
          alignment: AlignmentType.CENTER,
          spacing: { before: 360, after: 120 }
        }
      },
      {
        id: STYLE.figureCaption,
        name: 'Figure_No & title',
        basedOn: 'Normal',
        next: 'Normal',
        run: { bold: true },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 480 } }
      },
      {
        id: STYLE.figure,
        name: 'Figure',
        basedOn: 'Normal',
        next: STYLE.figureCaption,
        paragraph: {
          keepNext: true,
          alignment: AlignmentType.CENTER,
          spacing: { before: 240, after: 120 }
        }
      },
      ...[1, 2, 3].map((depth) => ({
        id: STYLE.list(depth),
        name: `enumlev${depth}`,
        basedOn: 'Normal',
        paragraph: {
          spacing: { before: 80 },
          indent: { left: HANGING * depth, hanging: HANGING }
        }
      })),
      {
        id: STYLE.code,
        name: 'Code',
        basedOn: 'Normal',
        run: { font: 'Courier New', size: 20 },
        paragraph: { spacing: { before: 0 } }
      },
      {
        id: STYLE.notice,
        name: 'Notice',
        basedOn: 'Normal',
        run: { italics: true }
      },
      {
        id: STYLE.policy,
        name: 'Policy recommendation',
        basedOn: 'Normal',
        paragraph: {
          shading: { type: ShadingType.CLEAR, fill: POLICY_FILL, color: 'auto' },
          border: POLICY_BORDERS
        }
      },
      {
        id: STYLE.policyLabel,
        name: 'Policy label',
        basedOn: STYLE.policy,
        next: STYLE.policy,
        run: { bold: true, color: '5C3B00' },
        paragraph: { keepNext: true }
      },
      {
        id: STYLE.cover,
        name: 'Cover',
        basedOn: 'Normal',
        run: { size: SIZE_BODY }
      },
      {
        id: STYLE.coverBig,
        name: 'Cover big',
        basedOn: 'Normal',
        run: { bold: true, size: 48 },
        paragraph: { spacing: { before: 0 } }
      },
      {
        id: STYLE.footer,
        name: 'footer',
        basedOn: 'Normal',
        run: { size: SIZE_SMALL },
        paragraph: { spacing: { before: 0 } }
      },
      ...[1, 2, 3].map((level) => ({
        id: STYLE.toc(level),
        name: `toc ${level}`,
        basedOn: 'Normal',
        paragraph: {
          keepLines: true,
          spacing: { before: level === 1 ? 120 : 60 },
          indent: { left: HANGING * level, hanging: HANGING }
        }
      }))
    ]
  };
}
