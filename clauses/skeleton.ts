// A new standard starts from the ITU-T skeleton: the front matter, the five fixed clauses with
// their fixed wording (shared/design/itu-format.md), a first body clause and the Bibliography.

import type { Block, Clause, ClauseRole, Convention, Standard, StandardMeta } from './model';
import { ID_PREFIX, newId } from './ids';

export const REFERENCES_LEAD_IN =
  'The following ITU-T Recommendations and other references contain provisions which, through ' +
  'reference in this text, constitute provisions of this Recommendation. At the time of ' +
  'publication, the editions indicated were valid. All Recommendations and other references ' +
  'are subject to revision; users of this Recommendation are therefore encouraged to ' +
  'investigate the possibility of applying the most recent edition of the Recommendations and ' +
  'other references listed below. A list of the currently valid ITU-T Recommendations is ' +
  'regularly published. The reference to a document within this Recommendation does not give ' +
  'it, as a stand-alone document, the status of a Recommendation.';
export const TERMS_ELSEWHERE_LEAD_IN =
  'This Recommendation uses the following terms defined elsewhere:';
export const TERMS_HERE_LEAD_IN = 'This Recommendation defines the following terms:';
export const ABBREVIATIONS_LEAD_IN =
  'This Recommendation uses the following abbreviations and acronyms:';

/** The exact titles of the fixed clauses, by role (checklist item 1 of itu-format.md). */
export const FIXED_TITLES: Partial<Record<ClauseRole, string>> = {
  summary: 'Summary',
  keywords: 'Keywords',
  introduction: 'Introduction',
  scope: 'Scope',
  references: 'References',
  definitions: 'Definitions',
  abbreviations: 'Abbreviations and acronyms',
  conventions: 'Conventions',
  bibliography: 'Bibliography'
};
export const TERMS_ELSEWHERE_TITLE = 'Terms defined elsewhere';
export const TERMS_HERE_TITLE = 'Terms defined in this Recommendation';

const ITU_T_CONVENTIONS = [
  'In this Recommendation:',
  'The keywords "is required to" indicate a requirement which must be strictly followed and ' +
    'from which no deviation is permitted if conformance to this Recommendation is to be claimed.',
  'The keywords "is prohibited from" indicate a requirement which must be strictly followed and ' +
    'from which no deviation is permitted if conformance to this Recommendation is to be claimed.',
  'The keywords "is recommended" indicate a requirement which is recommended but which is not ' +
    'absolutely required. Thus this requirement need not be present to claim conformance.',
  'The keywords "is not recommended" indicate a requirement which is not recommended but which ' +
    'is not specifically prohibited. Thus, conformance with this Recommendation can still be ' +
    'claimed even if this requirement is present.',
  'The keywords "can optionally" indicate an optional requirement which is permissible, without ' +
    'implying any sense of being recommended. This term is not intended to imply that the ' +
    "vendor's implementation must provide the option and the feature can be optionally enabled " +
    'by the network operator/service provider. Rather, it means the vendor may optionally ' +
    'provide the feature and still claim conformance with this Recommendation.'
];

const RFC_2119_CONVENTIONS = [
  'The key words "MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT", "SHOULD", "SHOULD NOT", ' +
    '"RECOMMENDED", "NOT RECOMMENDED", "MAY", and "OPTIONAL" in this document are to be ' +
    'interpreted as described in BCP 14 [RFC 2119] [RFC 8174] when, and only when, they appear ' +
    'in all capitals, as shown here.'
];

/** The paragraphs of clause 5 for a convention. */
export function conventionsParagraphs(convention: Convention): string[] {
  return convention === 'rfc2119' ? [...RFC_2119_CONVENTIONS] : [...ITU_T_CONVENTIONS];
}

/** The text of clause 5 for a convention, paragraphs separated by a blank line. */
export function conventionsText(convention: Convention): string {
  return conventionsParagraphs(convention).join('\n\n');
}

/** Metadata of a new standard: what the caller knows, sensible defaults for the rest. */
export function completeMeta(partial: Partial<StandardMeta>): StandardMeta {
  return {
    id: partial.id ?? newId('s'),
    title: partial.title ?? '',
    designation: partial.designation ?? '',
    series: partial.series ?? '',
    studyGroup: partial.studyGroup ?? '',
    convention: partial.convention ?? 'itu-t',
    requirementPattern: partial.requirementPattern ?? '^[A-Z][A-Z0-9]*-REQ-\\d{2,3}$',
    version: partial.version ?? '0.1',
    date: partial.date ?? ''
  };
}

export function paragraph(text: string): Block {
  return {
    type: 'paragraph',
    id: newId(ID_PREFIX.paragraph),
    content: text ? [{ type: 'text', text }] : []
  };
}

function clause(role: ClauseRole, title: string, blocks: Block[], children: Clause[] = []): Clause {
  return {
    id: newId(ID_PREFIX.clause),
    role,
    kind: null,
    title: title ? [{ type: 'text', text: title }] : [],
    blocks,
    children
  };
}

/** The fixed clauses of a new standard, with fresh ids. */
export function skeletonStandard(meta: StandardMeta): Standard {
  return {
    meta,
    clauses: [
      clause('summary', 'Summary', [paragraph('')]),
      clause('keywords', 'Keywords', [paragraph('')]),
      clause('scope', 'Scope', [paragraph('')]),
      clause('references', 'References', [paragraph(REFERENCES_LEAD_IN)]),
      clause('definitions', 'Definitions', [], [
        clause('body', TERMS_ELSEWHERE_TITLE, [paragraph(TERMS_ELSEWHERE_LEAD_IN)]),
        clause('body', TERMS_HERE_TITLE, [paragraph(TERMS_HERE_LEAD_IN)])
      ]),
      clause('abbreviations', 'Abbreviations and acronyms', [paragraph(ABBREVIATIONS_LEAD_IN)]),
      clause('conventions', 'Conventions', conventionsParagraphs(meta.convention).map(paragraph)),
      clause('body', '', [paragraph('')]),
      clause('bibliography', 'Bibliography', [paragraph('')])
    ]
  };
}
