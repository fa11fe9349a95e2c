// A hand-built standard exercising everything the ITU-T exports lay out, and a hostile one.

import type { Block, Clause, ClauseRole, Inline, Kind, Standard } from '../../clauses/model';

const t = (text: string, marks?: ('bold' | 'italic' | 'code')[]): Inline =>
  marks ? { type: 'text', text, marks } : { type: 'text', text };

let counter = 0;
const id = (prefix: string) => `${prefix}-fx${(counter += 1).toString(36).padStart(6, '0')}`;

export const para = (text: string | Inline[], label?: string, pid = id('p')): Block => ({
  type: 'paragraph',
  id: pid,
  content: typeof text === 'string' ? [t(text)] : text,
  ...(label ? { requirement: { label } } : {})
});

export function clause(
  role: ClauseRole,
  title: string,
  blocks: Block[],
  children: Clause[] = [],
  kind: Kind | null = null,
  cid = id('c')
): Clause {
  return { id: cid, role, kind, title: title ? [t(title)] : [], blocks, children };
}

export const IDS = {
  scope: 'c-scope',
  clause6: 'c-six',
  clause7: 'c-seven',
  policy: 'c-policy',
  policyPara: 'p-policy',
  table: 't-body',
  figure: 'f-body',
  annexTable: 't-annex',
  labelled: 'p-labelled'
};

/** Every layout feature, with the clause 2/3/4 lead-ins missing so the exporter must add them. */
export function fullStandard(): Standard {
  return {
    meta: {
      id: 's-fixture',
      title: 'Requirements for face recognition services',
      designation: 'ITU-T F.FRS',
      series: 'Series F: Non-telephone telecommunication services',
      studyGroup: 'SG16',
      convention: 'itu-t',
      requirementPattern: '^FRS-REQ-\\d{2}$',
      version: '0.3',
      date: '11/2026'
    },
    clauses: [
      clause('summary', 'Summary', [para('This Recommendation specifies face recognition services.')]),
      clause('keywords', 'Keywords', [para('Privacy, biometrics, face recognition, Authentication')]),
      clause('introduction', 'Introduction', [para('Face recognition is widely deployed.')]),
      clause('scope', 'Scope', [para('This Recommendation covers functional requirements.')], [], null, IDS.scope),
      clause('references', 'References', [
        {
          type: 'reference',
          id: 'r-y3100',
          tag: 'ITU-T Y.3100',
          content: [t('Recommendation ITU-T Y.3100 (2017), '), t('Terms and definitions for IMT-2020 network', ['italic']), t('.')]
        }
      ]),
      clause('definitions', 'Definitions', [], [
        clause('body', 'Terms defined elsewhere', [
          { type: 'term', id: 'd-bio', term: 'biometric sample', source: 'ITU-T X.1252', definition: [t('Analog or digital representation of biometric characteristics.')] }
        ]),
        clause('body', 'Terms defined in this Recommendation', [
          { type: 'term', id: 'd-face', term: 'face template', source: '', definition: [t('A compact representation of a face.')] }
        ])
      ]),
      clause('abbreviations', 'Abbreviations and acronyms', [
        { type: 'abbreviation', abbr: 'FRS', expansion: 'Face Recognition Service' },
        { type: 'abbreviation', abbr: 'ID', expansion: 'Identifier' }
      ]),
      clause('conventions', 'Conventions', []),
      clause(
        'body',
        'Functional requirements',
        [
          para('The service is required to detect faces in still images.', 'FRS-REQ-01', IDS.labelled),
          para('The service is recommended to log every match.'),
          { type: 'note', id: 'n-single', content: [para('Logging helps audits.')] },
          {
            type: 'table',
            id: IDS.table,
            caption: [t('Match thresholds')],
            header: true,
            rows: [
              [[t('Mode')], [t('Threshold')]],
              [[t('Verification')], [t('0.8')]]
            ]
          },
          { type: 'figure', id: IDS.figure, caption: [t('Service architecture')], src: '', alt: 'Diagram of the service' },
          { type: 'list', ordered: false, items: [[para('first item')], [para('second item')]] },
          para([t('See '), { type: 'xref', target: IDS.table }, t(' and '), { type: 'xref', target: 'c-annex' }, t('.')])
        ],
        [
          clause('body', 'Matching', [
            para('The service can optionally support 1:N identification.'),
            { type: 'note', id: 'n-one', content: [para('First note.')] },
            { type: 'note', id: 'n-two', content: [para('Second note.')] }
          ])
        ],
        null,
        IDS.clause6
      ),
      clause(
        'body',
        'Deployment policy',
        [para('Operators are recommended to publish a retention policy.', undefined, IDS.policyPara)],
        [],
        'policy-recommendation',
        IDS.policy
      ),
      clause('body', 'Reserved', [], [], null, IDS.clause7),
      clause(
        'appendix',
        'Deployment examples',
        [para('A city deploys the service at its stations.')],
        [clause('body', 'Station example', [para('Cameras at gates.')])]
      ),
      clause(
        'annex',
        'Test procedures',
        [
          {
            type: 'table',
            id: IDS.annexTable,
            caption: [t('Test vectors')],
            header: false,
            rows: [[[t('v1')], [t('pass')]]]
          }
        ],
        [clause('body', 'Accuracy tests', [para('The tester is required to use the vectors of the table.')])],
        null,
        'c-annex'
      ),
      clause('appendix', 'Bibliography of practice', [para('Practice notes.')]),
      clause('bibliography', 'Bibliography', [
        { type: 'reference', id: 'r-b1', tag: 'b-ITU-T A.1', content: [t('Recommendation ITU-T A.1 (2019), '), t('Working methods', ['italic']), t('.')] }
      ])
    ]
  };
}

/** Every control character, markup, entities, a bidi override and a very long word. */
export const HOSTILE_TEXT =
  `<script>alert("x")</script> <img src=x onerror="alert(1)"> & < > " ' ` +
  Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') +
  ' \u202Egnp.exe\u202C end \u202Eunclosed';
export const LONG_WORD = 'x'.repeat(5000);

export function hostileStandard(): Standard {
  const std = fullStandard();
  std.meta.title = `Title ${HOSTILE_TEXT}`;
  std.meta.designation = 'ITU-T F.<b>&amp;';
  std.meta.series = `Series <i>${HOSTILE_TEXT}</i>`;
  const scope = std.clauses.find((c) => c.role === 'scope')!;
  scope.title = [t(`Scope <script>alert(2)</script>`)];
  scope.blocks = [
    para(HOSTILE_TEXT),
    para(LONG_WORD),
    para([t('<a href="javascript:alert(3)">click</a>', ['bold']), { type: 'xref', target: 'javascript:alert(4)' }]),
    { type: 'figure', id: 'f-hostile', caption: [t('</p><script>x</script>')], src: 'javascript:alert(5)', alt: '"><script>alert(6)</script>' },
    { type: 'code', id: 'k-hostile', language: 'html', text: '<script>alert(7)</script>\u0007' }
  ];
  return std;
}
