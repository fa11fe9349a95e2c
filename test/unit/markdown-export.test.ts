// What a reader of the exported Markdown sees: ITU numbering in headings, captions, notes,
// definitions, and cross-references that are links landing on anchors.

import { describe, expect, it } from 'vitest';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { fromHtml } from 'hast-util-from-html';
import type { Element, RootContent } from 'hast';
import { exportMarkdown, importMarkdown } from '../../exporters/markdown';
import type { Block, Clause, Standard } from '../../clauses/model';

const text = (t: string) => [{ type: 'text' as const, text: t }];
const para = (id: string, t: string, extra: Block[] = []): Block[] => [{ type: 'paragraph', id, content: text(t) }, ...extra];
const clause = (id: string, role: Clause['role'], title: string, blocks: Block[] = [], children: Clause[] = []): Clause => ({ id, role, kind: null, title: text(title), blocks, children });

function sample(): Standard {
  return {
    meta: { id: 's', title: 'Face recognition', designation: 'ITU-T F.FRS', series: '', studyGroup: 'SG16', convention: 'itu-t', requirementPattern: '', version: '1', date: '' },
    clauses: [
      clause('c-sum', 'summary', 'Summary', para('p-s', 'A summary.')),
      clause('c-scope', 'scope', 'Scope', para('p-sc', 'This Recommendation covers templates.')),
      clause('c-def', 'definitions', 'Definitions', [], [
        clause('c-def2', 'body', 'Terms defined in this Recommendation', [
          { type: 'term', id: 'd-tpl', term: 'template', source: 'b-ISO 2382', definition: text('Stored features.') }
        ])
      ]),
      clause('c-body', 'body', 'Requirements', [
        { type: 'paragraph', id: 'p-req', content: [...text('The system is required to encrypt templates, see '), { type: 'xref', target: 'c-annex' }, ...text(', '), { type: 'xref', target: 't-q' }, ...text(' and '), { type: 'xref', target: 'd-tpl' }, ...text('.')], requirement: { label: 'FRS-REQ-01' } },
        { type: 'note', id: 'n-1', content: para('p-n1', 'First note.') },
        { type: 'note', id: 'n-2', content: para('p-n2', 'Second note.') },
        { type: 'table', id: 't-q', caption: text('Image quality'), header: true, rows: [[text('Parameter'), text('Minimum')], [text('Eye distance'), text('60 px')]] },
        { type: 'figure', id: 'f-1', caption: text('Enrolment'), src: 'media/enrol.png', alt: 'Enrolment flow' }
      ], [clause('c-sub', 'body', 'Image quality', para('p-sub', 'Details.'))]),
      clause('c-annex', 'annex', 'Test procedure', para('p-a', 'The test is required to use 1000 subjects.'), [clause('c-a1', 'body', 'Test set', para('p-a1', 'Set.'))]),
      clause('c-app', 'appendix', 'Examples', para('p-ap', 'An example.')),
      clause('c-bib', 'bibliography', 'Bibliography', [{ type: 'reference', id: 'r-1', tag: 'b-ISO 2382', content: text('ISO/IEC 2382-37, Vocabulary.') }])
    ]
  };
}

function lines(md: string): string[] {
  return md.split('\n').filter((l) => l && !l.startsWith('<!--'));
}

describe('Markdown export', () => {
  const std = sample();
  const plain = exportMarkdown(std, { plain: true });

  it('prints ITU numbers, captions, notes and definitions the way ITU drafts read', () => {
    expect(lines(plain)).toEqual([
      'Recommendation ITU-T F.FRS',
      '**Face recognition**',
      '# Summary',
      'A summary.',
      '# 1 Scope',
      'This Recommendation covers templates.',
      '# 2 Definitions',
      '## 2.1 Terms defined in this Recommendation',
      '<a id="d-tpl"></a>**2.1.1 template** \\[b-ISO 2382]: Stored features.',
      '# 3 Requirements',
      'The system is required to encrypt templates, see [Annex A](#c-annex), [Table 1](#t-q) and [2.1.1](#d-tpl).',
      'NOTE 1 – First note.',
      'NOTE 2 – Second note.',
      '<a id="t-q"></a>Table 1 – Image quality',
      '| Parameter    | Minimum |',
      '| ------------ | ------- |',
      '| Eye distance | 60 px   |',
      '![Enrolment flow](media/enrol.png)',
      'Figure 1 – Enrolment',
      '## 3.1 Image quality',
      'Details.',
      '# <a id="c-annex"></a>Annex A – Test procedure',
      '(This annex forms an integral part of this Recommendation.)',
      'The test is required to use 1000 subjects.',
      '## A.1 Test set',
      'Set.',
      '# Appendix I – Examples',
      '(This appendix does not form an integral part of this Recommendation.)',
      'An example.',
      '# Bibliography',
      '\\[b-ISO 2382]\tISO/IEC 2382-37, Vocabulary.'
    ]);
  });

  it('makes every cross-reference a link that lands on an anchor in the rendered page', () => {
    const html = micromark(exportMarkdown(std), { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    const ids = new Set<string>();
    const hrefs: string[] = [];
    const walk = (nodes: RootContent[]) =>
      nodes.forEach((n) => {
        if (n.type !== 'element') return;
        const e = n as Element;
        if (e.properties.id) ids.add(String(e.properties.id));
        if (e.tagName === 'a' && typeof e.properties.href === 'string') hrefs.push(e.properties.href);
        walk(e.children);
      });
    walk(fromHtml(html, { fragment: true }).children);
    expect(hrefs).toEqual(['#c-annex', '#t-q', '#d-tpl']);
    for (const h of hrefs) expect(ids).toContain(h.slice(1));
  });

  it('keeps metadata only in the full export, and both import back', () => {
    const full = exportMarkdown(std);
    expect(full).toContain('<!-- clausework:clause {"id":"c-body","role":"body","kind":null,"lv":1,"h":"3 "} -->');
    expect(full).toContain('<!-- clausework:block {"t":"p","id":"p-req","req":{"label":"FRS-REQ-01"}} -->');
    expect(plain).not.toContain('clausework');
    expect(importMarkdown(full).standard).toStrictEqual(std);
    const back = importMarkdown(plain).standard;
    expect(back.clauses.map((c) => c.role)).toEqual(std.clauses.map((c) => c.role));
    expect(back.meta).toMatchObject({ designation: 'ITU-T F.FRS', title: 'Face recognition' });
  });
});
