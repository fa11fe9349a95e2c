// The example a newcomer lands on: a credible draft Recommendation on face recognition systems
// that shows every feature — every kind, every obligation level, editor-set and automatic
// requirement ids, machine checks, terms, abbreviations, a table, notes, cross-references, an
// annex, an appendix — and leaves a few problems for the diagnostics to find (policy language
// in a technical clause, a requirement inside a NOTE). Ids are fixed so links into it are stable.

import type { Block, Check, Clause, ClauseRole, Inline, Kind, Standard } from './model';
import { conventionsParagraphs, REFERENCES_LEAD_IN, TERMS_ELSEWHERE_LEAD_IN, TERMS_HERE_LEAD_IN, ABBREVIATIONS_LEAD_IN } from './skeleton';

type Content = string | Inline[];

const inl = (c: Content): Inline[] => (typeof c === 'string' ? (c ? [{ type: 'text', text: c }] : []) : c);
const t = (text: string): Inline => ({ type: 'text', text });
const it = (text: string): Inline => ({ type: 'text', text, marks: ['italic'] });
const x = (target: string): Inline => ({ type: 'xref', target });

function p(id: string, content: Content, label?: string, checks?: Check[]): Block {
  const block: Block = { type: 'paragraph', id, content: inl(content) };
  if (label || checks) block.requirement = { ...(label ? { label } : {}), ...(checks ? { checks } : {}) };
  return block;
}
const note = (id: string, ...paras: Block[]): Block => ({ type: 'note', id, content: paras });
const term = (id: string, name: string, source: string, definition: string): Block => ({
  type: 'term', id, term: name, source, definition: inl(definition)
});
const abbr = (a: string, expansion: string): Block => ({ type: 'abbreviation', abbr: a, expansion });
const ref = (id: string, tag: string, content: Inline[]): Block => ({ type: 'reference', id, tag, content });

function c(id: string, role: ClauseRole, title: string, kind: Kind | null, blocks: Block[], children: Clause[] = []): Clause {
  return { id, role, kind, title: inl(title), blocks, children };
}

const SENSITIVE_KEYS =
  '^(race|racial[_-]?origin|ethnicity|ethnic[_-]?origin|skin[_-]?(colou?r|tone))$';

const CHECKS: Record<string, Check[]> = {
  noSensitiveAttributes: [
    {
      id: 'chk-frs-req-07-schema',
      target: { artifact: 'data-schema', files: ['**/*.schema.json'], selector: { lang: 'jsonpath', expr: '$..properties' } },
      assert: { op: 'keys-not-match', field: '@key', regex: SENSITIVE_KEYS, flags: 'i' },
      severity: 'error',
      message: 'The template database schema must not define race or skin colour attributes (clause 7.2).'
    }
  ],
  encryptionAtRest: [
    {
      id: 'chk-frs-req-08-config',
      target: { artifact: 'configuration', files: ['config/*.json', 'config/*.yaml'], selector: { lang: 'jsonpath', expr: '$.storage.encryption' } },
      assert: { op: 'truthy', field: 'enabled' },
      severity: 'error',
      message: 'Template storage encryption at rest must be enabled (clause 7.2).'
    }
  ],
  auditRetention: [
    {
      id: 'chk-audit-retention',
      target: { artifact: 'configuration', selector: { lang: 'jsonpath', expr: '$.audit' } },
      assert: { op: 'present', field: 'retentionDays' },
      severity: 'warn',
      message: 'The audit log configuration should state a retention period (clause 7.3).'
    }
  ]
};

/** The seeded example standard. */
export function exampleStandard(): Standard {
  return {
    meta: {
      id: 'example-frs',
      title: 'Requirements for face recognition systems',
      designation: 'ITU-T F.FRS',
      series: 'SERIES F: NON-TELEPHONE TELECOMMUNICATION SERVICES',
      studyGroup: 'SG16',
      convention: 'itu-t',
      requirementPattern: '^FRS-REQ-\\d{2}$',
      version: '0.3',
      date: ''
    },
    clauses: [
      c('c-summary', 'summary', 'Summary', null, [
        p('p-summary', 'This Recommendation specifies functional and security requirements for face recognition systems (FRS), covering image capture, template generation and storage, comparison and presentation attack detection. It also gives policy recommendations for the use of face recognition in publicly accessible spaces, kept apart from the technical requirements so that they can follow the appropriate approval process.')
      ]),
      c('c-keywords', 'keywords', 'Keywords', null, [
        p('p-keywords', 'Biometrics, face recognition, presentation attack detection, privacy, template protection.')
      ]),
      c('c-scope', 'scope', 'Scope', null, [
        p('p-scope-1', 'This Recommendation specifies requirements for face recognition systems that compare a probe image with enrolled biometric templates for verification or identification.'),
        p('p-scope-2', [t('It covers image capture quality ('), x('c-capture'), t('), the storage of biometric templates ('), x('c-storage'), t('), comparison and thresholds, and presentation attack detection. Policy recommendations on use in public spaces are given in '), x('c-public'), t(', kept apart from the technical requirements; '), x('c-app-protection'), t(' describes template protection techniques.')]),
        p('p-scope-3', [t('Terms are used as defined in '), x('r-x1252'), t(' and '), x('r-iso-2382-37'), t('.')])
      ]),
      c('c-references', 'references', 'References', null, [
        p('p-references', REFERENCES_LEAD_IN),
        ref('r-x1252', 'ITU-T X.1252', [t('Recommendation ITU-T X.1252 (2021), '), it('Baseline identity management terms and definitions'), t('.')]),
        ref('r-iso-2382-37', 'ISO/IEC 2382-37', [t('ISO/IEC 2382-37:2022, '), it('Information technology — Vocabulary — Part 37: Biometrics'), t('.')])
      ]),
      c('c-definitions', 'definitions', 'Definitions', null, [], [
        c('c-terms-elsewhere', 'body', 'Terms defined elsewhere', null, [
          p('p-terms-elsewhere', TERMS_ELSEWHERE_LEAD_IN),
          term('d-biometric-sample', 'biometric sample', 'ISO/IEC 2382-37', 'Analogue or digital representation of biometric characteristics prior to biometric feature extraction.'),
          term('d-biometric-template', 'biometric template', 'ISO/IEC 2382-37', 'Set of stored biometric features comparable directly to probe biometric features.'),
          term('d-identity', 'identity', 'ITU-T X.1252', 'A representation of an entity in the form of one or more attributes that allow the entity to be sufficiently distinguished within context.')
        ]),
        c('c-terms-here', 'body', 'Terms defined in this Recommendation', null, [
          p('p-terms-here', TERMS_HERE_LEAD_IN),
          term('d-probe-image', 'probe image', '', 'A facial image captured for comparison against one or more enrolled biometric templates.'),
          term('d-template-database', 'template database', '', 'The store in which a face recognition system keeps enrolled biometric templates and their reference data.'),
          term('d-presentation-attack', 'presentation attack', '', 'A presentation of an artefact or of human characteristics to the capture subsystem with the goal of interfering with its intended operation.')
        ])
      ]),
      c('c-abbreviations', 'abbreviations', 'Abbreviations and acronyms', null, [
        p('p-abbreviations', ABBREVIATIONS_LEAD_IN),
        abbr('FMR', 'False Match Rate'),
        abbr('FNMR', 'False Non-Match Rate'),
        abbr('FRS', 'Face Recognition System'),
        abbr('PAD', 'Presentation Attack Detection')
      ]),
      c('c-conventions', 'conventions', 'Conventions', null,
        conventionsParagraphs('itu-t').map((text, i) => p(`p-conventions-${i + 1}`, text))),
      c('c-overview', 'body', 'Overview', 'informative', [
        p('p-overview-1', 'An FRS acquires a probe image, assesses its quality, extracts a biometric template and compares it with the templates held in the template database. Verification compares against one enrolled identity; identification searches the whole database.'),
        note('n-overview', p('p-overview-note', 'The requirements of this Recommendation apply equally to systems deployed on premises and to systems offered as a cloud service.'))
      ]),
      c('c-requirements', 'body', 'Functional requirements', 'normative-technical', [
        p('p-requirements-intro', 'This clause specifies requirements that apply to every FRS that claims conformance to this Recommendation.')
      ], [
        c('c-capture', 'body', 'Image capture', null, [
          p('p-frs-req-01', [t('The FRS is required to reject a probe image whose capture quality falls below the minimum values given in '), x('t-capture-quality'), t('.')], 'FRS-REQ-01'),
          p('p-capture-feedback', 'The capture subsystem is recommended to give the person being captured immediate feedback when a probe image is rejected.'),
          {
            type: 'table',
            id: 't-capture-quality',
            caption: inl('Minimum capture quality'),
            header: true,
            rows: [
              [inl('Parameter'), inl('Minimum value')],
              [inl('Inter-eye distance'), inl('90 pixels')],
              [inl('Head rotation (yaw, pitch)'), inl('±15 degrees')],
              [inl('Sharpness (normalized)'), inl('0.6')]
            ]
          }
        ]),
        c('c-storage', 'body', 'Template storage', null, [
          p('p-frs-req-07', 'The template database is prohibited from storing race or skin colour attributes.', 'FRS-REQ-07', CHECKS.noSensitiveAttributes),
          p('p-frs-req-08', 'The template database is required to encrypt biometric templates at rest.', 'FRS-REQ-08', CHECKS.encryptionAtRest),
          p('p-storage-secure-element', 'The FRS can optionally store a biometric template on a secure element held by the enrolled person instead of in the template database.'),
          note('n-storage-1', p('p-storage-note-1', [t('Template protection techniques that make stored templates irreversible are described in '), x('c-app-protection'), t('.')])),
          note('n-storage-2', p('p-storage-note-2', 'Operators are required to delete biometric templates when the purpose of enrolment has ended.'))
        ]),
        c('c-comparison', 'body', 'Comparison and thresholds', null, [
          p('p-comparison-report', 'The FRS is required to report the FMR and FNMR measured at its operating threshold.'),
          p('p-comparison-single-threshold', 'Using a single comparison threshold for every deployment context is not recommended.'),
          p('p-comparison-audit', [t('The FRS is recommended to keep an audit log of every identification search, including searches that reject a probe image under requirement '), x('p-frs-req-01'), t('.')], undefined, CHECKS.auditRetention)
        ])
      ]),
      c('c-pad', 'body', 'Presentation attack detection', 'normative-technical', [
        p('p-pad-required', 'The FRS is required to implement PAD at the capture subsystem and to report the attack presentation classification error rate of its PAD function.'),
        p('p-pad-police', 'When the FRS is used by police for surveillance of crowds, each watch-list match is required to be confirmed by a trained human reviewer before any action is taken.')
      ]),
      c('c-public', 'body', 'Use of face recognition in publicly accessible spaces', 'policy-recommendation', [
        p('p-public-intro', 'This clause gives policy recommendations. It has policy implications and is tagged accordingly so that the working group can decide its approval process.'),
        p('p-public-signage', 'Operators of public spaces are recommended to inform people, by clear signage at every entrance, that face recognition is in use and for what purpose.'),
        p('p-public-realtime', 'Real-time remote identification of people in publicly accessible spaces for law enforcement purposes is not recommended unless it is authorized by law for a specific and serious purpose and subject to independent oversight.'),
        p('p-public-assessment', 'Before deployment, an operator is recommended to publish a human rights impact assessment of the system.')
      ]),
      c('c-annex-test', 'annex', 'Test method for capture quality', null, [
        p('p-annex-intro', [t('This annex specifies how the minimum values of '), x('t-capture-quality'), t(' are measured.')])
      ], [
        c('c-annex-setup', 'body', 'Test set-up', null, [
          p('p-annex-lab', [t('The test laboratory is required to measure every parameter under each of the lighting conditions of '), x('t-lighting'), t('.')]),
          {
            type: 'table',
            id: 't-lighting',
            caption: inl('Lighting conditions'),
            header: true,
            rows: [
              [inl('Condition'), inl('Illuminance')],
              [inl('Indoor office'), inl('500 lx')],
              [inl('Outdoor overcast'), inl('10 000 lx')]
            ]
          }
        ])
      ]),
      c('c-app-protection', 'appendix', 'Template protection techniques', null, [
        p('p-app-intro', 'This appendix describes techniques that reduce the harm of a leaked template database. It does not add requirements.')
      ], [
        c('c-app-cancellable', 'body', 'Cancellable biometrics', null, [
          p('p-app-cancellable', 'A cancellable biometric template is derived from the biometric sample through a keyed, non-invertible transform. When a template leaks, the key is replaced and the person is enrolled again.'),
          { type: 'example', id: 'e-app-schema', content: [p('p-app-example', 'A template record that satisfies FRS-REQ-07 holds only the subject reference, the transformed template and the transform key identifier.')] },
          {
            type: 'code',
            id: 'k-app-schema',
            language: 'json',
            text: '{\n  "type": "object",\n  "properties": {\n    "subjectRef": { "type": "string" },\n    "template": { "type": "string", "contentEncoding": "base64" },\n    "keyId": { "type": "string" }\n  }\n}'
          }
        ])
      ]),
      c('c-bibliography', 'bibliography', 'Bibliography', null, [
        ref('r-b-30107', 'b-ISO/IEC 30107-1', [t('ISO/IEC 30107-1:2023, '), it('Information technology — Biometric presentation attack detection — Part 1: Framework'), t('.')])
      ])
    ]
  };
}
