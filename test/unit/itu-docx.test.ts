// The Word rendition: page set-up, styles, footers, sections and well-formed XML.

import { beforeAll, describe, expect, it } from 'vitest';
import { exportItuDocx, exportItuHtml } from '../../exporters/itu';
import { fullStandard, IDS } from './itu-fixture';
import { assertWellFormed, paragraphs, readZip } from './itu-docx-read';

/** Texts of the paragraphs of one style. */
function styled(xml: string, style: string): string[] {
  const marker = `<w:pStyle w:val="${style}"/>`;
  return paragraphs(
    [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]).filter((p) => p.includes(marker)).join('')
  );
}

describe('ITU-T Word export', () => {
  let bytes: Uint8Array = new Uint8Array();
  let files = new Map<string, string>();
  let document = '';
  let styles = '';
  beforeAll(async () => {
    bytes = await exportItuDocx(fullStandard());
    files = readZip(bytes);
    document = files.get('word/document.xml') ?? '';
    styles = files.get('word/styles.xml') ?? '';
  });

  it('is a ZIP whose every XML part is well-formed', () => {
    expect(bytes[0]).toBe(0x50);
    expect(bytes[1]).toBe(0x4b);
    const xmlParts = [...files.keys()].filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
    expect(xmlParts).toContain('word/document.xml');
    for (const name of xmlParts) assertWellFormed(name, files.get(name)!);
  });

  it('sets Times New Roman 12 pt with 6 pt before as the body text', () => {
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
    expect(defaults).toMatch(/<w:rFonts [^>]*w:ascii="Times New Roman"/);
    expect(defaults).toMatch(/<w:sz w:val="24"\/>/);
    const normal = /<w:style [^>]*w:styleId="Normal"[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? '';
    expect(normal).toMatch(/<w:spacing [^>]*w:before="120"/);
  });

  it('defines ITU headings: 12 pt bold with a 1.4 cm hanging indent, annex titles 14 pt', () => {
    const h1 = /<w:style [^>]*w:styleId="Heading1"[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? '';
    expect(h1).toMatch(/<w:b\/>/);
    expect(h1).toMatch(/<w:ind [^>]*w:hanging="794"/);
    expect(h1).toMatch(/<w:sz w:val="24"\/>/);
    const annex = /<w:style [^>]*w:styleId="AnnexNotitle"[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? '';
    expect(annex).toMatch(/<w:sz w:val="28"\/>/);
    expect(annex).toMatch(/<w:jc w:val="center"\/>/);
    const note = /<w:style [^>]*w:styleId="Note"[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? '';
    expect(note).toMatch(/<w:sz w:val="22"\/>/);
    expect(styled(document, 'Heading1')).toContain('6\tFunctional requirements');
    expect(styled(document, 'Heading2')).toContain('6.1\tMatching');
  });

  it('lays every section on A4 with 2 cm margins', () => {
    const sections = [...document.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections.length).toBe(3);
    for (const s of sections) {
      expect(s).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      for (const side of ['top', 'right', 'bottom', 'left']) expect(s).toContain(`w:${side}="1134"`);
    }
  });

  it('numbers the front matter i, ii, … and restarts the core at 1', () => {
    const formats = [...document.matchAll(/<w:pgNumType([^>]*)\/>/g)].map((m) => m[1] ?? '');
    expect(formats[1]).toMatch(/w:start="1"/);
    expect(formats[1]).toMatch(/w:fmt="lowerRoman"/);
    expect(formats[2]).toMatch(/w:start="1"/);
    expect(formats[2]).toMatch(/w:fmt="decimal"/);
    // Clause 1 is in the core section: after the front matter's section break.
    const frontEnd = document.indexOf('w:fmt="lowerRoman"');
    expect(styled(document.slice(0, frontEnd), 'Heading1')).toEqual([]);
    expect(styled(document.slice(frontEnd), 'Heading1')).toContain('1\tScope');
    expect(document.indexOf('>Summary<')).toBeLessThan(frontEnd);
  });

  it('mirrors the footers on odd and even pages, with "ITU-T" unbreakable', () => {
    const settings = files.get('word/settings.xml') ?? '';
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const rels = files.get('word/_rels/document.xml.rels') ?? '';
    const target = (rid: string) => new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
    const core = [...document.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0])[2] ?? '';
    const odd = /<w:footerReference w:type="default" r:id="([^"]+)"/.exec(core)?.[1] ?? '';
    const even = /<w:footerReference w:type="even" r:id="([^"]+)"/.exec(core)?.[1] ?? '';
    const oddText = paragraphs(files.get(`word/${target(odd)}`) ?? '').join('');
    const evenText = paragraphs(files.get(`word/${target(even)}`) ?? '').join('');
    expect(oddText).toMatch(/^\t\tRec\. ITU\u2011T F\.FRS \(11\/2026\)\t\{PAGE\}$/);
    expect(evenText).toMatch(/^\{PAGE\}\tRec\. ITU\u2011T F\.FRS \(11\/2026\)$/);
  });

  it('starts annexes, appendices and the bibliography on a new page', () => {
    const titles = [...document.matchAll(/<w:p><w:pPr><w:pStyle w:val="AnnexNotitle"\/>([\s\S]*?)<\/w:p>/g)];
    expect(titles.length).toBe(4);
    for (const t of titles) expect(t[1]).toMatch(/^<w:pageBreakBefore\/>|<w:pageBreakBefore\/>/);
    const texts = paragraphs(titles.map((t) => t[0]).join(''));
    expect(texts).toEqual([
      'Annex A\nTest procedures',
      'Appendix I\nDeployment examples',
      'Appendix II\nBibliography of practice',
      'Bibliography'
    ]);
  });

  it('has a real TOC field whose cached entries list the headings', () => {
    expect(document).toMatch(/<w:instrText[^>]*>TOC [^<]*\\o &quot;1-2&quot;/);
    const texts = paragraphs(document);
    expect(texts).toContain('1\tScope');
    expect(texts.filter((t) => t === '1\tScope')).toHaveLength(2);
  });

  it('shades policy clauses and labels them', () => {
    const texts = paragraphs(document);
    expect(texts).toContain('[POLICY RECOMMENDATION – not a technical requirement]');
    expect(document).toMatch(/<w:pStyle w:val="Policy"\/>[\s\S]{0,600}Operators are recommended/);
    const policyStyle = /<w:style [^>]*w:styleId="Policy"[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? '';
    expect(policyStyle).toMatch(/<w:shd [^>]*w:fill="FFF3D6"/);
  });

  it('keeps the core text in the same order as the HTML rendition would', () => {
    const texts = paragraphs(document);
    const at = (t: string) => texts.indexOf(t);
    expect(at('6\tFunctional requirements')).toBeLessThan(at('Table 1 – Match thresholds'));
    expect(at('Table 1 – Match thresholds')).toBeLessThan(at('Mode'));
    expect(at('Diagram of the service')).toBeLessThan(at('Figure 1 – Service architecture'));
    expect(texts).toContain('NOTE 1 – First note.');
    expect(texts).toContain('[ITU-T Y.3100]\tRecommendation ITU\u2011T Y.3100 (2017), Terms and definitions for IMT-2020 network.'.replace('ITU\u2011T Y.3100 (2017)', 'ITU-T Y.3100 (2017)'));
  });
});

describe('figures in the Word and HTML exports', () => {
  // A 1×1 PNG.
  const PNG =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

  it('embeds a PNG figure in both, and never an image from elsewhere', async () => {
    const std = fullStandard();
    const six = std.clauses.find((c) => c.id === IDS.clause6)!;
    const figure = six.blocks.find((b) => b.type === 'figure');
    if (figure?.type !== 'figure') throw new Error('fixture has no figure');
    figure.src = PNG;
    const files = readZip(await exportItuDocx(std));
    expect([...files.keys()].some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
    expect(files.get('word/document.xml')).toMatch(/<wp:docPr [^>]*descr="Diagram of the service"/);
    expect(exportItuHtml(std)).toContain(`<img src="${PNG}" alt="Diagram of the service">`);

    figure.src = 'https://tracker.example/pixel.png';
    const html = exportItuHtml(std);
    expect(html).not.toContain('tracker.example');
    expect(html).toContain('<p class="figure-alt">Diagram of the service</p>');
  });
});

describe('ITU-T Word export as a TD', () => {
  it('opens with the TD header table, no cover, and keeps the two numbered sections', async () => {
    const files = readZip(await exportItuDocx(fullStandard(), { form: 'td', td: { questions: '2/16' } }));
    const document = files.get('word/document.xml') ?? '';
    const body = document.slice(document.indexOf('<w:body>') + 8);
    expect(body.startsWith('<w:tbl>')).toBe(true);
    const table = paragraphs(body.slice(0, body.indexOf('</w:tbl>')));
    expect(table.slice(0, 4)).toEqual(['Question(s):', '2/16', 'Meeting, date:', '']);
    expect(table).toContain('Intended type of document (R-C-TD):');
    expect(paragraphs(document)).not.toContain('TELECOMMUNICATION STANDARDIZATION SECTOR OF ITU');
    const formats = [...document.matchAll(/<w:pgNumType([^>]*)\/>/g)].map((m) => m[1] ?? '');
    expect(formats).toHaveLength(2);
    expect(formats[0]).toMatch(/w:fmt="lowerRoman"/);
    expect(formats[1]).toMatch(/w:fmt="decimal"/);
  });
});
