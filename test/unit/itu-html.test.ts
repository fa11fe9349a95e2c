// The HTML rendition against the checklist of shared/design/itu-format.md.

import { describe, expect, it } from 'vitest';
import { exportItuHtml } from '../../exporters/itu';
import { findRequirements } from '../../clauses/requirements';
import { effectiveKinds } from '../../clauses/kinds';
import { exampleStandard } from '../../clauses/example';
import { completeMeta, skeletonStandard } from '../../clauses/skeleton';
import { fullStandard, IDS } from './itu-fixture';
import { htmlBlocks, normaliseText, type HtmlBlock } from './itu-html-text';

// Fixed ITU wording, typed here from itu-format.md rather than imported from the code under test.
const CLAUSE_2 =
  'The following ITU-T Recommendations and other references contain provisions which, through reference in this text, constitute provisions of this Recommendation. At the time of publication, the editions indicated were valid. All Recommendations and other references are subject to revision; users of this Recommendation are therefore encouraged to investigate the possibility of applying the most recent edition of the Recommendations and other references listed below. A list of the currently valid ITU-T Recommendations is regularly published. The reference to a document within this Recommendation does not give it, as a stand-alone document, the status of a Recommendation.';
const ANNEX_LINE = '(This annex forms an integral part of this Recommendation.)';
const APPENDIX_LINE = '(This appendix does not form an integral part of this Recommendation.)';

const inToc = (b: HtmlBlock) => b.ancestors.some((a) => a.includes('toc'));
/** The document's blocks, normalised, without the table of contents (which repeats headings). */
const blocksOf = (html: string) =>
  htmlBlocks(html)
    .filter((b) => !inToc(b))
    .map((b) => ({ ...b, text: normaliseText(b.text) }));
const headings = (blocks: HtmlBlock[]) =>
  blocks.filter((b) => b.classes.includes('clause-heading')).map((b) => b.text);
const indexOf = (blocks: HtmlBlock[], text: string | RegExp) =>
  blocks.findIndex((b) => (typeof text === 'string' ? b.text === text : text.test(b.text)));
const after = (blocks: HtmlBlock[], text: string | RegExp) => blocks[indexOf(blocks, text) + 1];

describe('ITU-T HTML export', () => {
  const html = exportItuHtml(fullStandard());
  const blocks = blocksOf(html);

  it('prints clauses 1 to 5 first, in order, with the fixed titles and no trailing full stop', () => {
    expect(headings(blocks).filter((h) => /^\d+ /.test(h)).slice(0, 5)).toEqual([
      '1 Scope',
      '2 References',
      '3 Definitions',
      '4 Abbreviations and acronyms',
      '5 Conventions'
    ]);
  });

  it('adds the fixed lead-ins of clauses 2, 3.1, 3.2 and 4 word for word', () => {
    expect(after(blocks, '2 References')?.text).toBe(CLAUSE_2);
    expect(after(blocks, '3.1 Terms defined elsewhere')?.text).toBe(
      'This Recommendation uses the following terms defined elsewhere:'
    );
    expect(after(blocks, '3.2 Terms defined in this Recommendation')?.text).toBe(
      'This Recommendation defines the following terms:'
    );
    expect(after(blocks, '4 Abbreviations and acronyms')?.text).toBe(
      'This Recommendation uses the following abbreviations and acronyms:'
    );
  });

  it('does not repeat a lead-in the draft already has', () => {
    const std = fullStandard();
    const refs = std.clauses.find((c) => c.role === 'references')!;
    refs.blocks.unshift({ type: 'paragraph', id: 'p-lead', content: [{ type: 'text', text: CLAUSE_2 }] });
    const text = blocksOf(exportItuHtml(std)).map((b) => b.text);
    expect(text.filter((t) => t === CLAUSE_2)).toHaveLength(1);
  });

  it('writes "None." in an empty clause and the convention text in an empty clause 5', () => {
    expect(after(blocks, '8 Reserved')?.text).toBe('None.');
    expect(after(blocks, '5 Conventions')?.text).toBe('In this Recommendation:');
    expect(blocks.some((b) => b.text.startsWith('The keywords "is required to" indicate a requirement'))).toBe(true);
  });

  it('puts Summary and Keywords before clause 1, keywords alphabetical and comma separated', () => {
    const summary = indexOf(blocks, 'Summary');
    const keywords = indexOf(blocks, 'Keywords');
    const scope = indexOf(blocks, '1 Scope');
    expect(summary).toBeGreaterThan(-1);
    expect(summary).toBeLessThan(keywords);
    expect(keywords).toBeLessThan(scope);
    expect(after(blocks, 'Keywords')?.text).toBe(
      'Authentication, biometrics, face recognition, Privacy'
    );
  });

  it('numbers headings ITU style: body, annex letters, appendix Roman numerals', () => {
    const all = headings(blocks);
    expect(all.length).toBeGreaterThan(8);
    for (const h of all) {
      expect(h).toMatch(/^(\d+(\.\d+)*|[A-Z]\.\d+(\.\d+)*|[IVX]+\.\d+(\.\d+)*) \S/);
      expect(h).not.toMatch(/^\S+\. /);
    }
    expect(all).toContain('A.1 Accuracy tests');
    expect(all).toContain('I.1 Station example');
  });

  it('orders annexes, appendices, bibliography, each with the right obligation line', () => {
    const titles = blocks.filter((b) => b.classes.includes('annex-title'));
    expect(titles.map((b) => b.text)).toEqual([
      'Annex A Test procedures',
      'Appendix I Deployment examples',
      'Appendix II Bibliography of practice',
      'Bibliography'
    ]);
    expect(after(blocks, 'Annex A Test procedures')?.text).toBe(ANNEX_LINE);
    expect(after(blocks, 'Appendix I Deployment examples')?.text).toBe(APPENDIX_LINE);
    expect(after(blocks, 'Appendix II Bibliography of practice')?.text).toBe(APPENDIX_LINE);
    expect(after(blocks, 'Bibliography')?.text).toMatch(/^\[b-ITU-T A\.1\] Recommendation/);
    expect(html).toMatch(/\.annex-title \{[^}]*break-before: page/);
  });

  it('writes captions with an en dash: tables above the table, figures below the figure', () => {
    const captions = blocks.filter((b) => b.classes.includes('caption'));
    expect(captions.map((b) => b.text)).toEqual([
      'Table 1 – Match thresholds',
      'Figure 1 – Service architecture',
      'Table A.1 – Test vectors'
    ]);
    for (const c of captions) {
      expect(c.text).toMatch(/^(Figure|Table) (([A-Z]|[IVX]+)\.)?\d+(-\d+)? \u2013 /);
    }
    const order = htmlBlocks(html);
    const tableCaption = order.findIndex((b) => normaliseText(b.text) === 'Table 1 – Match thresholds');
    expect(order[tableCaption + 1]?.tag).toBe('th');
    const figureCaption = order.findIndex((b) => normaliseText(b.text) === 'Figure 1 – Service architecture');
    expect(order[figureCaption - 1]?.text).toBe('Diagram of the service');
  });

  it('writes notes as "NOTE – " alone and "NOTE 1 – " when a clause has several', () => {
    const notes = blocks.filter((b) => b.classes.includes('note')).map((b) => b.text);
    expect(notes).toEqual(['NOTE – Logging helps audits.', 'NOTE 1 – First note.', 'NOTE 2 – Second note.']);
  });

  it('prints definitions and references in ITU form', () => {
    const term = blocks.find((b) => b.text.startsWith('3.2.1'));
    expect(term?.text).toBe('3.2.1 face template: A compact representation of a face.');
    expect(term?.element.children.some((c) => c.type === 'element' && c.tagName === 'strong')).toBe(true);
    expect(blocks.some((b) => b.text === '3.1.1 biometric sample [ITU-T X.1252]: Analog or digital representation of biometric characteristics.')).toBe(true);
    const ref = blocks.find((b) => b.text.startsWith('[ITU-T Y.3100]'));
    expect(ref?.text).toBe('[ITU-T Y.3100] Recommendation ITU-T Y.3100 (2017), Terms and definitions for IMT-2020 network.');
    expect(JSON.stringify(ref?.element)).toContain('"tagName":"em"');
    expect(blocks.some((b) => b.text === 'FRS Face Recognition Service')).toBe(true);
  });

  it('shows the title block with ITU-T, number, date, series in capitals and title', () => {
    const cover = blocks.filter((b) => b.ancestors.some((a) => a.includes('cover'))).map((b) => b.text);
    expect(cover).toEqual([
      'ITU-T F.FRS',
      'TELECOMMUNICATION STANDARDIZATION SECTOR OF ITU',
      '(11/2026)',
      'SERIES F: NON-TELEPHONE TELECOMMUNICATION SERVICES',
      'Requirements for face recognition services',
      'Recommendation ITU-T F.FRS'
    ]);
    expect(html).toContain('ITU\u2011T F.FRS');
  });

  it('makes every requirement id visible, unique, on its paragraph', () => {
    const std = fullStandard();
    const reqs = findRequirements(std);
    expect(reqs.length).toBeGreaterThanOrEqual(4);
    expect(new Set(reqs.map((r) => r.id)).size).toBe(reqs.length);
    for (const req of reqs) {
      const block = blocks.find((b) => b.text.startsWith(`[${req.id}] `));
      expect(block, req.id).toBeDefined();
    }
    expect(blocks.some((b) => b.text.startsWith('[FRS-REQ-01] The service is required to'))).toBe(true);
  });

  it('resolves cross-references as text and links', () => {
    expect(blocks.some((b) => b.text === 'See Table 1 and Annex A.')).toBe(true);
    expect(html).toContain(`href="#x-${IDS.table}"`);
  });

  it('keeps numbers and labels as real text, never CSS-generated content', () => {
    expect(html).not.toMatch(/content\s*:/);
    expect(html).not.toMatch(/counter-(increment|reset)/);
  });

  it('lists the headings in a table of contents before the body', () => {
    const toc = htmlBlocks(html)
      .filter((b) => inToc(b) && b.tag === 'li')
      .map((b) => ({ ...b, text: normaliseText(b.text) }));
    expect(toc.map((b) => b.text).slice(0, 3)).toEqual(['1 Scope', '2 References', '3 Definitions']);
    expect(toc.map((b) => b.text)).toContain('Annex A – Test procedures');
  });
});

describe('ITU-T HTML export options', () => {
  it('opens a TD with the header table instead of the cover', () => {
    const html = exportItuHtml(fullStandard(), {
      form: 'td',
      td: { questions: '2/16', meeting: 'Geneva, 1-12 June 2026', source: 'Editors', contact: 'A. Editor' }
    });
    const blocks = blocksOf(html);
    const rows = blocks.filter((b) => b.ancestors.some((a) => a.includes('td-header')));
    expect(rows.map((b) => b.text)).toEqual([
      'Question(s):', '2/16',
      'Meeting, date:', 'Geneva, 1-12 June 2026',
      'Study Group:', 'SG16',
      'Working Party:', '',
      'Intended type of document (R-C-TD):', 'TD',
      'Source:', 'Editors',
      'Title:', 'Draft Recommendation ITU-T F.FRS: Requirements for face recognition services',
      'Contact:', 'A. Editor'
    ]);
    expect(blocks.some((b) => b.ancestors.some((a) => a.includes('cover')))).toBe(false);
  });

  it('rejects an unknown policy mode or form by name', () => {
    expect(() => exportItuHtml(fullStandard(), { policy: 'hidden' as never })).toThrow(/policy mode "hidden"/);
    expect(() => exportItuHtml(fullStandard(), { form: 'book' as never })).toThrow(/form "book"/);
    expect(() => exportItuHtml(fullStandard(), { form: 'td', td: { room: 'B' } as never })).toThrow(
      /TD header field "room"/
    );
    expect(() => exportItuHtml(fullStandard(), { form: 'td', td: { source: 7 } as never })).toThrow(
      /"source" must be text/
    );
  });

  const POLICY_TEXT = 'Operators are recommended to publish a retention policy.';
  const LABEL = '[POLICY RECOMMENDATION – not a technical requirement]';

  it('labels policy clauses in place by default, inside a shaded box', () => {
    const blocks = blocksOf(exportItuHtml(fullStandard()));
    const heading = indexOf(blocks, /^\d+ Deployment policy$/);
    expect(blocks[heading + 1]?.text).toBe(LABEL);
    const statement = blocks.find((b) => b.text.endsWith(POLICY_TEXT));
    expect(statement?.ancestors[0]).toContain('policy');
    expect(blocks[heading]?.ancestors[0]).toContain('policy');
    // Normative clauses are not boxed.
    const normative = blocks.find((b) => b.text.startsWith('[FRS-REQ-01]'));
    expect(normative?.ancestors.some((a) => a.includes('policy'))).toBe(false);
  });

  it('moves policy clauses to their own part before the annexes, keeping their numbers', () => {
    const blocks = blocksOf(exportItuHtml(fullStandard(), { policy: 'separate' }));
    const part = indexOf(blocks, 'Part 2 – Policy recommendations (not technical specification)');
    const annex = indexOf(blocks, 'Annex A Test procedures');
    const lastBody = indexOf(blocks, /Reserved$/);
    const moved = indexOf(blocks, /^7 Deployment policy$/);
    expect(part).toBeGreaterThan(lastBody);
    expect(moved).toBeGreaterThan(part);
    expect(moved).toBeLessThan(annex);
    expect(blocks.filter((b) => b.text.endsWith(POLICY_TEXT))).toHaveLength(1);
    expect(blocks.some((b) => /^\[Clause 7 "Deployment policy", a policy recommendation, is given in Part 2/.test(b.text))).toBe(true);
  });

  it('omits policy clauses with a one-line notice where they were', () => {
    const blocks = blocksOf(exportItuHtml(fullStandard(), { policy: 'omit' }));
    expect(blocks.some((b) => b.text.includes(POLICY_TEXT))).toBe(false);
    const notice = indexOf(blocks, '[Clause 7 "Deployment policy", a policy recommendation, is omitted from this edition.]');
    expect(notice).toBeGreaterThan(indexOf(blocks, /^6\.1 Matching$/) );
    expect(blocks[notice + 1]?.text).toMatch(/^8 Reserved$/);
  });
});

describe('ITU-T HTML export of the seeded example', () => {
  const std = exampleStandard();
  const html = exportItuHtml(std);
  const blocks = blocksOf(html);

  it('passes the checklist: numbering, captions, notes, obligation lines, order', () => {
    for (const h of headings(blocks)) {
      expect(h).toMatch(/^(\d+(\.\d+)*|[A-Z]\.\d+(\.\d+)*|[IVX]+\.\d+(\.\d+)*) \S/);
    }
    const captions = blocks.filter((b) => b.classes.includes('caption'));
    expect(captions.length).toBeGreaterThan(0);
    for (const c of captions) expect(c.text).toMatch(/^(Figure|Table) (([A-Z]|[IVX]+)\.)?\d+(-\d+)? \u2013 /);
    const notes = blocks.filter((b) => b.classes.includes('note') && b.text.startsWith('NOTE'));
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) expect(n.text).toMatch(/^NOTE( \d+)? \u2013 /);
    const titles = blocks.filter((b) => b.classes.includes('annex-title'));
    const kinds = titles.map((b) => b.text.split(' ')[0]);
    expect(kinds.join(' ')).toMatch(/^(Annex )*(Appendix )*Bibliography$/);
    for (const t of titles) {
      const next = blocks[blocks.indexOf(t) + 1]?.text;
      if (t.text.startsWith('Annex')) expect(next).toBe(ANNEX_LINE);
      else if (t.text.startsWith('Appendix')) expect(next).toBe(APPENDIX_LINE);
      else expect(next).not.toMatch(/integral part/);
    }
    expect(after(blocks, '2 References')?.text).toBe(CLAUSE_2);
  });

  it('shows every requirement id once, at the start of its statement', () => {
    const reqs = findRequirements(std);
    expect(reqs.length).toBeGreaterThan(5);
    for (const req of reqs) {
      const marked = blocks.filter((b) => b.text.startsWith(`[${req.id}] `));
      expect(marked, req.id).toHaveLength(1);
    }
  });

  it('marks every policy clause of the example with the policy label', () => {
    const kinds = effectiveKinds(std);
    const policyTitles = std.clauses.flatMap(function walk(c): string[] {
      const own = kinds.get(c.id) === 'policy-recommendation' ? [c.id] : [];
      return [...own, ...c.children.flatMap(walk)];
    });
    expect(policyTitles.length).toBeGreaterThan(0);
    for (const id of policyTitles) {
      const heading = blocks.findIndex((b) => b.element.properties.id === `x-${id}`);
      expect(blocks[heading + 1]?.text).toBe('[POLICY RECOMMENDATION – not a technical requirement]');
    }
  });
});

describe('ITU-T HTML export of a brand-new standard', () => {
  it('says "None." under every clause the skeleton leaves empty, after any lead-in', () => {
    const std = skeletonStandard(completeMeta({ title: 'New', designation: 'ITU-T X.NEW', series: 'Series X' }));
    const blocks = blocksOf(exportItuHtml(std));
    for (const heading of ['Summary', 'Keywords', '1 Scope', '6', 'Bibliography']) {
      expect(after(blocks, heading)?.text, heading).toBe('None.');
    }
    expect(after(blocks, '2 References')?.text).toBe(CLAUSE_2);
    expect(blocks[indexOf(blocks, '2 References') + 2]?.text).toBe('None.');
    expect(blocks[indexOf(blocks, '4 Abbreviations and acronyms') + 2]?.text).toBe('None.');
  });
});
