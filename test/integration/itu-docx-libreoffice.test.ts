// The .docx opened by a real office suite: LibreOffice converts it to PDF without complaint, its
// text reads in the same order as the HTML rendition, and the printed footers carry Roman page
// numbers in the front matter, Arabic ones restarting at 1 in the core, mirrored odd/even.
// Needs Debian's libreoffice-writer-nogui (/usr/bin/soffice) and poppler-utils (pdftotext);
// .ci/run installs both when missing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exportItuDocx, exportItuHtml, type ItuOptions } from '../../exporters/itu';
import type { Standard } from '../../clauses/model';
import { exampleStandard } from '../../clauses/example';
import { fullStandard, hostileStandard } from '../unit/itu-fixture';
import { htmlBlocks, normaliseText } from '../unit/itu-html-text';

const run = promisify(execFile);
const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';

let dir = '';
beforeAll(async () => {
  // No silent skip: a missing tool fails the suite with what to install.
  for (const [tool, args, pkg] of [
    [SOFFICE, ['--version'], 'libreoffice-writer-nogui'],
    ['pdftotext', ['-v'], 'poppler-utils']
  ] as const) {
    await run(tool, [...args]).catch((e: Error) => {
      throw new Error(`${tool} is needed by this test (apt-get install -y ${pkg}): ${e.message}`);
    });
  }
  dir = await mkdtemp(join(tmpdir(), 'itu-lo-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function toPdf(name: string, std: Standard, options: Partial<ItuOptions> = {}) {
  const docx = join(dir, `${name}.docx`);
  await writeFile(docx, await exportItuDocx(std, options));
  // A private profile per run: parallel conversions would otherwise fight over one.
  const profile = `file://${join(dir, `profile-${name}`)}`;
  const { stderr } = await run(
    SOFFICE,
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx],
    { timeout: 120_000 }
  );
  const file = join(dir, `${name}.pdf`);
  const pdf = await readFile(file);
  // Content-stream order for the text (LibreOffice draws it in reading order, and pdftotext
  // would otherwise split hanging numbers into columns); physical layout for the footers,
  // where the page number's side of the line tells odd pages from even ones.
  const pagesOf = (out: string) => out.split('\f').filter((p) => p.trim() !== '');
  // The text is read from the type area only (A4 is 842 pt high, the bottom margin 2 cm = 57 pt),
  // leaving out the footers, which sit 1 cm above the page edge.
  const reading = await run('pdftotext', ['-enc', 'UTF-8', '-raw', '-x', '0', '-y', '0', '-W', '596', '-H', '790', file, '-']);
  const layout = await run('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-']);
  return { pdf, stderr, pages: pagesOf(reading.stdout), layoutPages: pagesOf(layout.stdout) };
}

const FOOTER = /Rec\. ITU.T \S+ \([^)]*\)/;

/** Page label and side of each page's footer: odd pages print the number last, even first. */
function footers(pages: string[]) {
  return pages.map((page) => {
    const lines = page.split('\n').map((l) => l.trim()).filter(Boolean);
    const last = lines[lines.length - 1] ?? '';
    if (!FOOTER.test(last)) return undefined;
    const end = /\)\s+(\S+)$/.exec(last);
    const start = /^(\S+)\s+Rec\./.exec(last);
    return end ? { label: end[1]!, side: 'odd' as const } : { label: start?.[1] ?? '', side: 'even' as const };
  });
}

/** The PDF's running text (footers are already cropped away). */
function bodyText(pages: string[]): string {
  return compact(pages.join('\n'));
}

/**
 * Text without white space and hyphens: line wrapping and tab rendering differ between the
 * renditions, and pdftotext joins a word hyphenated at a line end ("IMT-" + "2020" → "IMT2020").
 */
const compact = (text: string) => normaliseText(text).replace(/[\s\-\u2010\u2011]+/g, '');
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/**
 * Finds each HTML block's text in the PDF text, in order; returns the first one missing. The
 * cells of one table are looked for as a group in any order (a renderer may draw a row's cells
 * in any order). Text under a bidi override is skipped: a PDF holds it in visual order (the unit tests
 * check it).
 */
function firstOutOfOrder(html: string, pdfText: string): string | undefined {
  let cursor = 0;
  const groups: { texts: string[]; table: boolean }[] = [];
  for (const block of htmlBlocks(html)) {
    if (BIDI.test(block.text)) continue;
    const text = compact(block.text);
    if (!text) continue;
    const cell = block.tag === 'td' || block.tag === 'th';
    const last = groups[groups.length - 1];
    if (cell && last?.table) last.texts.push(text);
    else groups.push({ texts: [text], table: cell });
  }
  for (const group of groups) {
    let end = cursor;
    for (const text of group.texts) {
      const at = pdfText.indexOf(text, cursor);
      if (at < 0) {
        const near = pdfText.slice(cursor, cursor + 200);
        return `"${text.slice(0, 120)}" not found after position ${cursor} (next: "${near}")`;
      }
      end = Math.max(end, at + text.length);
      if (!group.table) cursor = end;
    }
    cursor = end;
  }
  return undefined;
}

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'];

describe('ITU-T .docx in LibreOffice', () => {
  it('converts to PDF, reads like the HTML rendition and numbers its pages the ITU way', async () => {
    const std = fullStandard();
    const { pdf, pages, layoutPages } = await toPdf('full', std);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages.length).toBeGreaterThanOrEqual(4);

    expect(firstOutOfOrder(exportItuHtml(std), bodyText(pages))).toBeUndefined();

    const printed = footers(layoutPages);
    expect(printed[0]).toBeUndefined(); // the cover has no footer
    const labels = printed.filter((f) => f !== undefined).map((f) => f.label);
    const firstArabic = labels.indexOf('1');
    expect(firstArabic).toBeGreaterThan(0);
    expect(labels.slice(0, firstArabic)).toEqual(ROMAN.slice(0, firstArabic));
    expect(labels.slice(firstArabic)).toEqual(
      Array.from({ length: labels.length - firstArabic }, (_, i) => String(i + 1))
    );
    for (const f of printed) {
      if (!f) continue;
      const n = /^\d+$/.test(f.label) ? Number(f.label) : ROMAN.indexOf(f.label) + 1;
      expect(f.side, `page ${f.label}`).toBe(n % 2 === 1 ? 'odd' : 'even');
    }
  });

  it('opens a TD with hostile content and keeps its text in order', async () => {
    const std = hostileStandard();
    const options = { form: 'td' as const, policy: 'separate' as const };
    const { pdf, pages } = await toPdf('hostile', std, options);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(firstOutOfOrder(exportItuHtml(std, options), bodyText(pages))).toBeUndefined();
  });

  it('converts the seeded example, policy clauses in their own part, in HTML order', async () => {
    const std = exampleStandard();
    const { pdf, pages } = await toPdf('example', std, { policy: 'separate' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(firstOutOfOrder(exportItuHtml(std, { policy: 'separate' }), bodyText(pages))).toBeUndefined();
  });
});
