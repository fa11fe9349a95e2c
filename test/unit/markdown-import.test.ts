// Importing real drafts: ITU-T F.921 as pandoc converts it from Word (cover, series list, history,
// foreword, table of contents, HTML tables), and a hand-written RFC 2119 style draft.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../exporters/markdown';
import { numberStandard } from '../../clauses/numbering';
import type { Block, Clause, Standard } from '../../clauses/model';
import { blocksText, inlineText } from '../../clauses/text';

const F921 = readFileSync(new URL('../../../shared/samples/itu-t-f921-2018.pandoc.md', import.meta.url), 'utf8');
const RFC = readFileSync(new URL('../fixtures/markdown/rfc2119-draft.md', import.meta.url), 'utf8');

function flatten(clauses: Clause[], out: Clause[] = []): Clause[] {
  for (const c of clauses) {
    out.push(c);
    flatten(c.children, out);
  }
  return out;
}

function outline(std: Standard): string[] {
  const n = numberStandard(std);
  return flatten(std.clauses).map((c) => `${n.heading.get(c.id) ?? '?'}|${inlineText(c.title)}`);
}

function byTitle(std: Standard, title: string): Clause {
  const found = flatten(std.clauses).find((c) => inlineText(c.title) === title);
  if (!found) throw new Error(`no clause titled "${title}"`);
  return found;
}

function ofType<T extends Block['type']>(blocks: Block[], type: T): Extract<Block, { type: T }>[] {
  return blocks.filter((b): b is Extract<Block, { type: T }> => b.type === type);
}

describe('import of ITU-T F.921 (pandoc from Word)', () => {
  const { standard: std, warnings } = importMarkdown(F921);

  it('lands every clause with its number and title, cover and contents skipped', () => {
    // Read off the source: the Summary and Keywords cells, the Introduction after the contents,
    // clauses 1 to 12, Appendix I and the Bibliography.
    expect(outline(std)).toEqual([
      '|Summary',
      '|Keywords',
      '|Introduction',
      '1|Scope',
      '2|References',
      '3|Definitions',
      '3.1|Terms defined elsewhere',
      '3.2|Terms defined in this Recommendation',
      '4|Abbreviations and acronyms',
      '5|Conventions',
      '6|Design principles',
      '7|Validation principles',
      '8|Directions',
      '9|Audio instructions',
      '9.1|Components of an audio instruction',
      '9.1.1|Verbs',
      '9.1.2|Orientation information',
      '9.1.3|Direction information',
      '9.2|Audio instructions – Classification',
      '9.2.1|Route starting instructions',
      '9.2.2|Route ending instructions',
      '9.2.3|Progression direction instructions',
      '9.2.4|Reassurance progression direction instructions',
      '9.2.5|Orientation progression direction instructions',
      '9.2.6|Alerts of the location of the next environmental feature',
      '9.2.7|Alert to an environmental feature',
      '9.2.8|Alert to current location',
      '10|Specific features, landmarks and objects',
      '10.1|Entrances and exits',
      '10.2|Pathways',
      '10.3|Decision points',
      '10.4|Tactile walking surface indicators',
      '10.4.1|Warning walking surface indicators',
      '10.4.2|Directional walking surface indicators',
      '10.5|Escalators',
      '10.6|Stairs',
      '10.7|Lifts',
      '10.8|Ticket control gates and barriers',
      '10.9|Platforms',
      '11|Railway stations',
      '12|Mobile app features',
      'Appendix I|Examples of an audio instruction',
      '|Bibliography'
    ]);
    expect(std.clauses.map((c) => c.role)).toEqual([
      'summary', 'keywords', 'introduction', 'scope', 'references', 'definitions', 'abbreviations',
      'conventions', 'body', 'body', 'body', 'body', 'body', 'body', 'body', 'appendix', 'bibliography'
    ]);
    // Kinds are left to the role defaults.
    expect(flatten(std.clauses).every((c) => c.kind === null)).toBe(true);
    expect(warnings.map((w) => w.code)).toContain('skipped-front-matter');
    // Every printed number agrees with the computed one.
    expect(warnings.filter((w) => w.code === 'number-mismatch')).toEqual([]);
  });

  it('loses no word of the text from clause 1 up to the Bibliography', () => {
    const body = F921.slice(F921.indexOf('# 1 Scope'), F921.indexOf('\nBibliography\n'))
      .split('\n')
      .filter((line) => !/integral part of this Recommendation/.test(line));
    const words = (text: string) => new Set(text.match(/[\p{L}\p{N}]+/gu) ?? []);
    const imported = flatten(std.clauses).map((c) => `${inlineText(c.title)}\n${blocksText(c.blocks)}`).join('\n');
    const have = words(imported);
    const missing = [...words(body.join('\n'))].filter((w) => !have.has(w) && !/^\d+$/.test(w));
    // Only the "NOTE" labels are markup rather than text: notes are numbered anew on export.
    expect(missing).toEqual(['NOTE']);
    expect(flatten(std.clauses).filter((c) => c.blocks.length === 0).map((c) => inlineText(c.title))).toEqual(['Definitions']);
  });

  it('reads the metadata off the cover and the title block', () => {
    expect(std.meta).toMatchObject({
      designation: 'ITU-T F.921',
      title: 'Audio-based indoor and outdoor network navigation system for persons with vision impairment',
      series: 'SERIES F: NON-TELEPHONE TELECOMMUNICATION SERVICES',
      date: '08/2018',
      convention: 'itu-t'
    });
  });

  it('keeps the text of clauses and leaves the foreword, copyright and contents out', () => {
    const all = flatten(std.clauses).map((c) => blocksText(c.blocks)).join('\n');
    expect(all).not.toMatch(/FOREWORD|INTELLECTUAL PROPERTY RIGHTS|All rights reserved|Table of Contents|TELEGRAPH SERVICE/);
    const summary = ofType(std.clauses[0]!.blocks, 'paragraph');
    expect(summary).toHaveLength(2);
    expect(inlineText(summary[0]!.content)).toMatch(/^Recommendation ITU-T F\.921 specifies how audio-based network navigation systems/);
    expect(blocksText(std.clauses[1]!.blocks)).toBe('Accessibility, audio-based, network navigation system, persons with disabilities.');
    const scope = byTitle(std, 'Scope');
    expect(scope.blocks).toHaveLength(2);
    expect(blocksText(scope.blocks)).toMatch(/^This Recommendation specifies requirements for the design of inclusive audio-based network navigation systems \(IABNNSs\)/);
    expect(blocksText(byTitle(std, 'Validation principles').blocks)).toBe(
      'The principles for the validation and interoperability of an IABNNS should include the testing of the installation, configuration, usability and accessibility.'
    );
    const intro = byTitle(std, 'Introduction');
    expect(intro.blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'note']);
  });

  it('turns definitions, abbreviations, references and notes into entries', () => {
    const elsewhere = ofType(byTitle(std, 'Terms defined elsewhere').blocks, 'term');
    expect(elsewhere).toHaveLength(6);
    expect(elsewhere[0]).toMatchObject({ term: 'accessibility', source: 'b-ITU-T F.791' });
    const here = ofType(byTitle(std, 'Terms defined in this Recommendation').blocks, 'term');
    expect(here).toHaveLength(23);
    expect(here[0]).toMatchObject({ term: 'audio alert', source: '', definition: [{ type: 'text', text: 'Aural signal designed to precede audio instructions.' }] });
    expect(here[10]!.term).toBe('inclusive audio-based network navigation system (IABNNS)');
    const n = numberStandard(std);
    expect(here.map((t) => n.term.get(t.id))).toEqual(Array.from({ length: 23 }, (_, i) => `3.2.${i + 1}`));

    expect(ofType(byTitle(std, 'Abbreviations and acronyms').blocks, 'abbreviation')).toEqual([
      { type: 'abbreviation', abbr: 'IABNNS', expansion: 'Inclusive Audio-Based Network Navigation System' },
      { type: 'abbreviation', abbr: 'PWD', expansion: 'Person With Disabilities' }
    ]);
    expect(ofType(byTitle(std, 'References').blocks, 'reference').map((r) => r.tag)).toEqual(['ISO 23599:2012']);
    expect(ofType(byTitle(std, 'Bibliography').blocks, 'reference').map((r) => r.tag)).toEqual([
      'b-ITU-T F.791', 'b-Allen, 2000', 'b-Chen, 2015', 'b-Gaunet, 2005', 'b-Kalia, 2010', 'b-Kulyukin, 2008', 'b-UNCRPD'
    ]);

    const mobile = byTitle(std, 'Mobile app features');
    const notes = ofType(mobile.blocks, 'note');
    expect(notes.map((x) => n.note.get(x.id))).toEqual(['NOTE 1', 'NOTE 2']);
    expect(blocksText(notes[1]!.content)).toBe('User replay can mask current instructions.');
    const entrances = byTitle(std, 'Entrances and exits');
    const list = ofType(entrances.blocks, 'list')[0]!;
    expect(list.items.map((item) => blocksText(item))).toEqual([
      'utilize the most accessible entrance and exit;',
      'allow users to choose their entrance and exit;',
      'provide information about the type, size and opening configuration of doors;',
      'provide information about the position and type of door opening furniture and operating controls.'
    ]);
  });

  it('drops the appendix obligation line (exports print it anew) and keeps the rest', () => {
    const appendix = byTitle(std, 'Examples of an audio instruction');
    expect(blocksText(appendix.blocks)).not.toMatch(/integral part/);
    expect(inlineText((appendix.blocks[0] as Extract<Block, { type: 'paragraph' }>).content)).toBe(
      'This appendix gives two examples of an audio instruction using the elements included in clause 9.'
    );
    expect(appendix.blocks).toHaveLength(11);
  });
});

describe('import of an RFC 2119 style draft', () => {
  const { standard: std, proposals } = importMarkdown(RFC);

  it('reads numbered headings in every shape and nests by number, not by Markdown level', () => {
    expect(outline(std)).toEqual([
      '|Summary',
      '|Keywords',
      '1|Scope',
      '2|References',
      '3|Definitions',
      '3.1|Terms defined elsewhere',
      '3.2|Terms defined in this Recommendation',
      '4|Abbreviations and acronyms',
      '5|Conventions',
      '6|Functional requirements',
      '6.1|Image quality',
      '6.1.1|Illumination',
      '7|Deployment',
      'Annex A|Test procedure',
      'A.1|Test set',
      'Appendix I|Deployment examples',
      'I.1|Office building',
      '|Bibliography'
    ]);
    expect(std.meta.convention).toBe('rfc2119');
  });

  it('reads entries, notes, tables, figures, lists and code', () => {
    const n = numberStandard(std);
    expect(ofType(byTitle(std, 'Terms defined elsewhere').blocks, 'term')[0]).toMatchObject({ term: 'biometric sample', source: 'ISO/IEC 2382-37' });
    expect(ofType(byTitle(std, 'Terms defined in this Recommendation').blocks, 'term').map((t) => t.term)).toEqual(['template', 'probe image']);
    expect(ofType(byTitle(std, 'Abbreviations and acronyms').blocks, 'abbreviation').map((a) => `${a.abbr}=${a.expansion}`)).toEqual([
      'FAR=False Acceptance Rate',
      'FRR=False Rejection Rate',
      'ROC=Receiver Operating Characteristic'
    ]);
    expect(ofType(byTitle(std, 'References').blocks, 'reference').map((r) => r.tag)).toEqual(['ITU-T X.1252', 'ISO/IEC 19794-5']);
    const quality = byTitle(std, 'Image quality');
    expect(quality.blocks.map((b) => b.type)).toEqual(['paragraph', 'note', 'note', 'table']);
    const table = ofType(quality.blocks, 'table')[0]!;
    expect(inlineText(table.caption)).toBe('Minimum image quality');
    expect(n.table.get(table.id)).toBe('1');
    expect(table.rows.map((r) => r.map((c) => inlineText(c)))).toEqual([['Parameter', 'Minimum'], ['Inter-eye distance', '60 px'], ['Pose', '±15°']]);
    const illumination = byTitle(std, 'Illumination');
    expect(illumination.blocks.map((b) => b.type)).toEqual(['paragraph', 'list', 'figure', 'code']);
    const list = ofType(illumination.blocks, 'list')[0]!;
    expect(list.items[1]!.map((b) => b.type)).toEqual(['paragraph', 'list']);
    expect(ofType(illumination.blocks, 'figure')[0]).toMatchObject({ src: 'media/enrolment.png', alt: 'Enrolment flow', caption: [{ type: 'text', text: 'Enrolment flow' }] });
    expect(ofType(illumination.blocks, 'code')[0]).toMatchObject({ language: 'asn1', text: 'FaceTemplate ::= SEQUENCE { version INTEGER, features OCTET STRING }' });
    expect(byTitle(std, 'Test procedure').blocks).toEqual([]);
  });

  it('proposes, but never applies, the policy tag where the text reads as policy', () => {
    const deployment = byTitle(std, 'Deployment');
    expect(deployment.kind).toBeNull();
    expect(proposals).toEqual([{ clauseId: deployment.id, evidence: [expect.stringMatching(/^Law enforcement agencies should only use face recognition/)] }]);
  });
});

describe('structure inference', () => {
  it('nests pandoc output whose heading levels disagree with the numbers', () => {
    const md = ['# 6 Body', '#### 6.1 Deep', 'x', '# 6.1.1 Shallow', 'y', '## 6.2 Next', 'z', '### Unnumbered under 6.2', 'w'].join('\n\n');
    const std = importMarkdown(md).standard;
    expect(outline(std)).toEqual(['1|Body', '1.1|Deep', '1.1.1|Shallow', '1.2|Next', '1.2.1|Unnumbered under 6.2']);
  });

  it('accepts "6.1.", "**6.1**" and "Annex B:" heading shapes and strips the literal numbers', () => {
    const md = ['# 1. Scope', '## **1.1** Detail', '# Annex B: Extra', '## B.1. Part'].join('\n\n');
    const std = importMarkdown(md).standard;
    expect(outline(std)).toEqual(['1|Scope', '1.1|Detail', 'Annex A|Extra', 'A.1|Part']);
    expect(std.clauses.map((c) => c.role)).toEqual(['scope', 'annex']);
  });

  it('warns where a printed number will change (a gap in the draft)', () => {
    const { standard, warnings } = importMarkdown(['# 1 Scope', '# 3 Jumped', '## 3.4 Also', '# Annex C – Late'].join('\n\n'));
    expect(outline(standard)).toEqual(['1|Scope', '2|Jumped', '2.1|Also', 'Annex A|Late']);
    expect(warnings.filter((w) => w.code === 'number-mismatch').map((w) => w.message)).toEqual([
      'the heading numbered "3" at line 3 is clause 2 once numbered from the structure',
      'the heading numbered "3.4" at line 5 is clause 2.1 once numbered from the structure',
      'the heading numbered "C" at line 7 is clause A once numbered from the structure'
    ]);
  });

  it('reads HTML tables with their caption, cells as inline text', () => {
    const md = ['# 6 Data', 'Table 1 – Fields', '<table><thead><tr><th>Name</th><th>Type</th></tr></thead><tbody><tr><td><strong>id</strong></td><td>string<br/>required</td></tr></tbody></table>'].join('\n\n');
    const table = importMarkdown(md).standard.clauses[0]!.blocks[0]!;
    expect(table).toMatchObject({
      type: 'table',
      caption: [{ type: 'text', text: 'Fields' }],
      header: true,
      rows: [
        [[{ type: 'text', text: 'Name' }], [{ type: 'text', text: 'Type' }]],
        [[{ type: 'text', text: 'id', marks: ['bold'] }], [{ type: 'text', text: 'string' }, { type: 'break' }, { type: 'text', text: 'required' }]]
      ]
    });
  });

  it('reads abbreviations from an HTML table in clause 4', () => {
    const md = ['# 4 Abbreviations and acronyms', '<table><tr><td>FAR</td><td>False Acceptance Rate</td></tr><tr><td>FRR</td><td>False\nRejection Rate</td></tr></table>'].join('\n\n');
    expect(importMarkdown(md).standard.clauses[0]!.blocks).toEqual([
      { type: 'abbreviation', abbr: 'FAR', expansion: 'False Acceptance Rate' },
      { type: 'abbreviation', abbr: 'FRR', expansion: 'False Rejection Rate' }
    ]);
  });

  it('gives every clause and block a fresh, unique id', () => {
    const std = importMarkdown(RFC).standard;
    const ids: string[] = [];
    const walk = (cs: Clause[]) => cs.forEach((c) => (ids.push(c.id, ...c.blocks.flatMap((b) => ('id' in b ? [b.id] : []))), walk(c.children)));
    walk(std.clauses);
    expect(new Set(ids).size).toBe(ids.length);
    const again = importMarkdown(RFC).standard;
    expect(again.clauses[0]!.id).not.toBe(std.clauses[0]!.id);
  });
});
