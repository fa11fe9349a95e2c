// Hostile content in the ITU-T exports: markup, script, XML specials, control characters,
// bidirectional overrides and very long words are shown as text, never executed or broken.

import { beforeAll, describe, expect, it } from 'vitest';
import { exportItuDocx, exportItuHtml } from '../../exporters/itu';
import { HOSTILE_TEXT, LONG_WORD, hostileStandard } from './itu-fixture';
import { allElements, htmlBlocks, normaliseText, parseHtml, textOf } from './itu-html-text';
import { assertWellFormed, paragraphs, readZip } from './itu-docx-read';

/**
 * What the exporters print: a C0 control character as its Control Pictures symbol, tabs as
 * tabs, line breaks (CR, LF, CRLF) as line breaks.
 */
const visible = (text: string) =>
  text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)))
    .replace(/\r\n?/g, '\n');

describe('hostile content in the HTML export', () => {
  for (const form of ['recommendation', 'td'] as const) {
    const html = exportItuHtml(hostileStandard(), { form, td: { source: '<script>alert(8)</script>' } });
    const tree = parseHtml(html);
    const elements = allElements(tree);

    it(`(${form}) contains nothing executable`, () => {
      expect(elements.filter((e) => ['script', 'iframe', 'object', 'embed'].includes(e.tagName))).toEqual([]);
      for (const e of elements) {
        for (const [name, value] of Object.entries(e.properties)) {
          expect(name.toLowerCase().startsWith('on'), `${e.tagName} ${name}`).toBe(false);
          expect(String(value)).not.toMatch(/^\s*javascript:/i);
        }
      }
      // The only style element is ours; the hostile markup arrived as text.
      expect(elements.filter((e) => e.tagName === 'style')).toHaveLength(1);
    });

    it(`(${form}) shows the hostile text as text, control characters visibly replaced`, () => {
      const texts = htmlBlocks(html).map((b) => normaliseText(b.text));
      expect(texts).toContain(normaliseText(visible(HOSTILE_TEXT)));
      expect(texts.some((t) => t.includes('\u2407\u2408 \u240B\u240C \u240E'))).toBe(true);
      expect(texts.some((t) => t.includes('<script>alert(7)</script>\u2407'))).toBe(true);
      expect(textOf(tree)).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    });
  }

  it('isolates bidirectional overrides so they cannot reverse the text after them', () => {
    const html = exportItuHtml(hostileStandard());
    const bdi = allElements(parseHtml(html)).filter((e) => e.tagName === 'bdi');
    expect(bdi.some((e) => textOf(e).includes('\u202Eunclosed'))).toBe(true);
  });

  it('lets very long words wrap instead of overflowing the page', () => {
    const html = exportItuHtml(hostileStandard());
    expect(htmlBlocks(html).some((b) => b.text === LONG_WORD)).toBe(true);
    expect(html).toMatch(/body \{[^}]*overflow-wrap: anywhere/);
  });

  it('never loads a figure from a non-image URL', () => {
    const html = exportItuHtml(hostileStandard());
    const images = allElements(parseHtml(html)).filter((e) => e.tagName === 'img');
    expect(images).toEqual([]);
    expect(htmlBlocks(html).some((b) => b.text === '"><script>alert(6)</script>')).toBe(true);
  });
});

describe('hostile content in the Word export', () => {
  let files = new Map<string, string>();
  beforeAll(async () => {
    files = readZip(await exportItuDocx(hostileStandard(), { form: 'td', td: { contact: '</w:t>&<x>' } }));
  });

  it('keeps every XML part well-formed', () => {
    for (const [name, xml] of files) {
      if (name.endsWith('.xml') || name.endsWith('.rels')) assertWellFormed(name, xml);
    }
  });

  it('prints the hostile text as text, controls visibly replaced, overrides isolated', () => {
    const texts = paragraphs(files.get('word/document.xml') ?? '');
    const hostile = texts.find((t) => t.startsWith('<script>alert("x")'));
    expect(hostile?.replace(/[\u2068\u2069]/g, '')).toBe(visible(HOSTILE_TEXT));
    // The override sits inside an isolate that is closed before the paragraph ends.
    expect(hostile).toMatch(/\u2068[^\u2069]*\u202Egnp\.exe\u202C end \u202Eunclosed\u2069$/);
    expect(texts).toContain(LONG_WORD);
    expect(texts).toContain('</w:t>&<x>');
    const core = files.get('docProps/core.xml') ?? '';
    expect(core).toContain('&lt;script&gt;');
  });
});
