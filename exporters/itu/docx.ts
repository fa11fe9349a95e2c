// The layout as a .docx through the `docx` package: ITU template styles, A4 with 2 cm margins, a
// cover section without footer, front matter numbered i, ii, … and the core restarting at 1,
// mirrored footers "Rec. ITU-T <No> (MM/YYYY)" with the page number (odd and even pages differ).
//
// Table of contents: a real TOC field (Word offers to update it on opening, filling in page
// numbers) whose cached result is our own static list of the same entries as the HTML
// rendition, so the text is there before any field update (LibreOffice shows it as is).

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  NoBreakHyphen,
  NumberFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  StyleLevel,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  ImageRun,
  type ISectionOptions,
  type IParagraphOptions,
  type ParagraphChild
} from 'docx';
import type { Layout, LayoutItem, Run } from './layout';
import { ANNEX_STYLE_NAME, POLICY_BORDERS, POLICY_FILL, STYLE, ituStyles } from './docx-styles';
import { hasBidiControl } from './text-safety';
import { pngSize } from './png';

/** A4 in twips, 2.0 cm margins. */
const PAGE = { width: 11906, height: 16838 };
const MARGIN = 1134;
const TEXT_WIDTH = PAGE.width - 2 * MARGIN;

export async function layoutToDocx(layout: Layout): Promise<Uint8Array> {
  const doc = new Document({
    title: layout.title,
    creator: 'Clausework',
    styles: ituStyles(),
    evenAndOddHeaderAndFooters: true,
    features: { updateFields: true },
    sections: buildSections(layout)
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

type Child = Paragraph | Table | TableOfContents;

function buildSections(layout: Layout): ISectionOptions[] {
  const cover: Child[] = [];
  const front: Child[] = [];
  const core: Child[] = [];
  let target = front;
  for (const item of layout.items) {
    if (item.type === 'titleBlock') {
      cover.push(...renderItem(item));
      continue;
    }
    if (item.type === 'coreStart') {
      target = core;
      continue;
    }
    target.push(...renderItem(item));
  }
  const sections: ISectionOptions[] = [];
  if (cover.length) sections.push({ properties: pageProperties(), children: cover });
  sections.push({
    properties: pageProperties(NumberFormat.LOWER_ROMAN),
    footers: footers(layout.footer),
    children: front.length ? front : [new Paragraph('')]
  });
  if (core.length) {
    sections.push({
      properties: pageProperties(NumberFormat.DECIMAL),
      footers: footers(layout.footer),
      children: core
    });
  }
  return sections;
}

function pageProperties(
  format?: (typeof NumberFormat)[keyof typeof NumberFormat]
): ISectionOptions['properties'] {
  return {
    page: {
      size: PAGE,
      margin: {
        top: MARGIN,
        bottom: MARGIN,
        left: MARGIN,
        right: MARGIN,
        header: 567,
        footer: 567
      },
      ...(format ? { pageNumbers: { start: 1, formatType: format } } : {})
    }
  };
}

/** Odd: `<tab><tab>Rec. ITU-T <No> (MM/YYYY)<tab>{PAGE}`; even: `{PAGE}<tab>Rec. …`. */
function footers(text: string) {
  const tabStops = [
    { type: TabStopType.LEFT, position: 567 },
    { type: TabStopType.LEFT, position: 5954 },
    { type: TabStopType.RIGHT, position: TEXT_WIDTH }
  ];
  const footer = (children: (string | Tab | NoBreakHyphen | (typeof PageNumber)['CURRENT'])[]) =>
    new Footer({
      children: [new Paragraph({ style: STYLE.footer, tabStops, children: [new TextRun({ children })] })]
    });
  const label = textChildren(text);
  return {
    default: footer([new Tab(), new Tab(), ...label, new Tab(), PageNumber.CURRENT]),
    even: footer([PageNumber.CURRENT, new Tab(), ...label])
  };
}

function renderItem(item: LayoutItem): Child[] {
  const policy = 'policy' in item && item.policy === true;
  const shade = (options: IParagraphOptions): IParagraphOptions =>
    policy
      ? {
          ...options,
          shading: { type: ShadingType.CLEAR, fill: POLICY_FILL, color: 'auto' },
          border: POLICY_BORDERS
        }
      : options;
  switch (item.type) {
    case 'titleBlock':
      return [
        new Paragraph({
          style: STYLE.coverBig,
          children: [...textRuns(item.sector), new TextRun({ children: [new Tab()] }), ...textRuns(item.number)]
        }),
        new Paragraph({ style: STYLE.cover, children: textRuns(item.sectorName) }),
        new Paragraph({ style: STYLE.cover, children: textRuns(item.date) }),
        new Paragraph({ style: STYLE.recTitle, alignment: AlignmentType.LEFT, children: textRuns(item.series) }),
        new Paragraph({ style: STYLE.recTitle, alignment: AlignmentType.LEFT, children: textRuns(item.title) }),
        new Paragraph({ style: STYLE.recNo, spacing: { before: 480 }, children: textRuns(item.recommendation) })
      ];
    case 'tdHeader':
      return [tdHeaderTable(item.rows), new Paragraph('')];
    case 'recTitle':
      return [
        new Paragraph({ style: STYLE.recNo, children: textRuns(item.recommendation) }),
        new Paragraph({ style: STYLE.recTitle, children: textRuns(item.title) })
      ];
    case 'frontHeading':
      return [new Paragraph({ style: STYLE.headingB, children: textRuns(item.text) })];
    case 'heading':
      return [
        new Paragraph(
          shade({
            style: STYLE.heading(item.level),
            children: runsToDocx([{ type: 'text', text: item.number }, { type: 'tab' }, ...item.title])
          })
        )
      ];
    case 'annexTitle':
      return [
        new Paragraph(
          shade({
            style: STYLE.annexTitle,
            pageBreakBefore: true,
            children: [
              ...textRuns(item.label),
              ...(item.title.length ? [new TextRun({ break: 1 }), ...runsToDocx(item.title)] : [])
            ]
          })
        )
      ];
    case 'paragraph':
      return [new Paragraph(shade({ style: paragraphStyle(item.style, item.depth, policy), children: runsToDocx(item.runs) }))];
    case 'note':
      return [new Paragraph(shade({ style: STYLE.note, children: runsToDocx(item.runs) }))];
    case 'caption':
      return [
        new Paragraph(
          shade({
            style: item.of === 'table' ? STYLE.tableCaption : STYLE.figureCaption,
            children: runsToDocx(item.runs)
          })
        )
      ];
    case 'table':
      return [contentTable(item.header, item.rows)];
    case 'figure':
      return [new Paragraph(shade({ style: STYLE.figure, children: figureChildren(item.image, item.alt) }))];
    case 'code':
      return item.text
        .split('\n')
        .map((line) => new Paragraph(shade({ style: STYLE.code, children: textRuns(line) })));
    case 'toc':
      return [
        new Paragraph({ style: STYLE.headingB, children: textRuns(item.title) }),
        new TableOfContents(item.title, {
          hyperlink: true,
          headingStyleRange: '1-2',
          stylesWithLevels: [new StyleLevel(ANNEX_STYLE_NAME, 1)],
          contentChildren: item.entries.map(
            (entry) =>
              new Paragraph({
                style: STYLE.toc(Math.min(entry.level, 3)),
                children: [
                  ...(entry.number ? [...textRuns(entry.number), new TextRun({ children: [new Tab()] })] : []),
                  ...textRuns(entry.title)
                ]
              })
          )
        })
      ];
    case 'coreStart':
      return [];
  }
}

function paragraphStyle(style: string, depth = 1, policy: boolean): string | undefined {
  switch (style) {
    case 'obligation':
      return STYLE.obligation;
    case 'reference':
      return STYLE.reference;
    case 'term':
      return STYLE.term;
    case 'abbreviation':
      return STYLE.abbreviation;
    case 'listItem':
      return STYLE.list(depth);
    case 'notice':
      return STYLE.notice;
    case 'policyLabel':
      return STYLE.policyLabel;
    default:
      return policy ? STYLE.policy : undefined;
  }
}

function figureChildren(image: string, alt: string): ParagraphChild[] {
  const data = image ? Buffer.from(image.slice(image.indexOf(',') + 1), 'base64') : undefined;
  const size = data ? pngSize(data) : undefined;
  if (!data || !size) return textRuns(alt);
  // Scale down to the text width; 1 px is taken as 1/96 inch (15 twips).
  const maxPx = Math.floor(TEXT_WIDTH / 15);
  const scale = Math.min(1, maxPx / size.width);
  return [
    new ImageRun({
      type: 'png',
      data,
      transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
      altText: { name: 'figure', description: alt, title: alt }
    })
  ];
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function contentTable(header: boolean, rows: Run[][][]): Table {
  const columns = Math.max(1, ...rows.map((row) => row.length));
  const width = Math.floor(TEXT_WIDTH / columns);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: Array.from({ length: columns }, () => width),
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    rows: rows.map((row, index) => {
      const head = header && index === 0;
      const cells = Array.from({ length: columns }, (_, i) => row[i] ?? []);
      return new TableRow({
        tableHeader: head,
        children: cells.map(
          (runs) =>
            new TableCell({
              width: { size: width, type: WidthType.DXA },
              children: [new Paragraph({ style: head ? STYLE.tableHead : STYLE.tableText, children: runsToDocx(runs) })]
            })
        )
      });
    })
  });
}

function tdHeaderTable(rows: { label: string; value: string }[]): Table {
  const labelWidth = 3402;
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [labelWidth, TEXT_WIDTH - labelWidth],
    borders: {
      top: { style: BorderStyle.SINGLE, size: 12, color: '000000' },
      bottom: { style: BorderStyle.SINGLE, size: 12, color: '000000' },
      left: none,
      right: none,
      insideHorizontal: THIN,
      insideVertical: none
    },
    rows: rows.map(
      (row) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: labelWidth, type: WidthType.DXA },
              children: [new Paragraph({ children: textRuns(row.label, { bold: true }) })]
            }),
            new TableCell({
              width: { size: TEXT_WIDTH - labelWidth, type: WidthType.DXA },
              children: [new Paragraph({ children: textRuns(row.value) })]
            })
          ]
        })
    )
  });
}

/**
 * Layout runs as Word runs. Neighbours with the same formatting share one run (a tab is a child
 * of the run it sits in): fewer objects, which is most of the cost on a long standard.
 */
function runsToDocx(runs: Run[]): TextRun[] {
  const out: TextRun[] = [];
  let children: (string | NoBreakHyphen | Tab)[] = [];
  let format: RunFormat = {};
  let key = '';
  const flush = () => {
    if (children.length) out.push(new TextRun({ ...format, children }));
    children = [];
  };
  for (const run of runs) {
    if (run.type === 'break') {
      flush();
      out.push(new TextRun({ break: 1 }));
      continue;
    }
    if (run.type === 'tab') {
      children.push(new Tab());
      continue;
    }
    const runKey = `${run.bold ? 'b' : ''}${run.italic ? 'i' : ''}${run.code ? 'c' : ''}`;
    if (runKey !== key && children.length) flush();
    if (!children.length) {
      key = runKey;
      format = {
        ...(run.bold ? { bold: true } : {}),
        ...(run.italic ? { italics: true } : {}),
        ...(run.code ? { font: 'Courier New' } : {})
      };
    }
    children.push(...textChildren(run.text));
  }
  flush();
  return out;
}

type RunFormat = { bold?: boolean; italics?: boolean; font?: string };

function textRuns(text: string, format: RunFormat = {}): TextRun[] {
  if (!text) return [];
  return [new TextRun({ ...format, children: textChildren(text) })];
}

/**
 * Text as run children: U+2011 becomes Word's own non-breaking hyphen element, and text holding
 * bidirectional controls is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, which
 * closes any override left open inside it, so it cannot reorder what follows (as <bdi> in HTML).
 */
function textChildren(text: string): (string | NoBreakHyphen | Tab)[] {
  const isolated = hasBidiControl(text) ? `\u2068${text}\u2069` : text;
  return isolated
    .split(/(\u2011|\t)/)
    .filter((part) => part !== '')
    .map((part) => (part === '\u2011' ? new NoBreakHyphen() : part === '\t' ? new Tab() : part));
}
