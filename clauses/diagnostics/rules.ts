// The catalogue of diagnostic rules: one code per problem, stable across releases, so that
// SARIF consumers and suppressions can rely on it.

import type { DiagnosticSeverity } from './types';

export interface RuleInfo {
  code: string;
  name: string;
  severity: DiagnosticSeverity;
  summary: string;
}

const rule = (code: string, name: string, severity: DiagnosticSeverity, summary: string): RuleInfo => ({
  code,
  name,
  severity,
  summary
});

export const RULES = {
  informativeKeyword: rule('OBL001', 'keyword-in-informative', 'error',
    'A requirement keyword in an informative clause, note, example, appendix, Summary, Keywords, Introduction or Bibliography.'),
  noRequirement: rule('OBL002', 'normative-without-requirement', 'warning',
    'A normative technical clause in which neither it nor any sub-clause states a requirement.'),
  mixedConventions: rule('OBL003', 'mixed-conventions', 'warning',
    "A keyword of the other convention (RFC 2119 in an ITU-T draft, or ITU-T phrasing in an RFC 2119 draft)."),
  lowerCaseModal: rule('OBL004', 'ambiguous-lower-case-modal', 'warning',
    'Lower-case must/should/may/shall in normative text of an RFC 2119 draft, ambiguous per RFC 8174.'),
  severalObligations: rule('OBL005', 'several-obligations', 'info',
    'One paragraph states several obligations; split it so each gets its own id.'),
  lowerCaseKeyword: rule('OBL006', 'lower-case-keyword', 'info',
    'A lower-case "shall", "must" or "should" in an ITU-T draft, read as an obligation (ITU-T J.1108); ITU-T phrasing says it unambiguously.'),
  policyLanguage: rule('POL001', 'policy-in-technical-clause', 'warning',
    'Policy language (actors, purposes, authorisation) inside a normative technical clause.'),
  sensitiveAttributes: rule('PRV001', 'sensitive-attributes', 'warning',
    'A requirement to collect, store or infer sensitive attributes such as race, religion or health: a privacy and human-rights risk.'),
  duplicateId: rule('REQ001', 'duplicate-requirement-id', 'error', 'Two requirements share an id.'),
  labelPattern: rule('REQ002', 'label-pattern', 'error',
    "A requirement label that does not match the standard's requirement pattern."),
  badPattern: rule('REQ003', 'invalid-requirement-pattern', 'error',
    "The standard's requirement pattern is not a valid regular expression."),
  invalidCheck: rule('CHK001', 'invalid-check', 'error', 'A machine check that cannot be exported.'),
  checkWithoutRequirement: rule('CHK002', 'check-without-requirement', 'warning',
    'Machine checks on a paragraph that states no requirement; they are not exported.'),
  danglingXref: rule('XRF001', 'dangling-cross-reference', 'error',
    'A cross-reference to something that does not exist.'),
  undefinedAbbreviation: rule('ABB001', 'undefined-abbreviation', 'warning',
    'An abbreviation used in the text but not defined in clause 4.'),
  unusedTerm: rule('TRM001', 'unused-term', 'warning', 'A term defined in clause 3 but never used.'),
  uncitedReference: rule('REF001', 'uncited-reference', 'warning',
    'A normative reference in clause 2 that the text never cites.'),
  emptyClause: rule('STR001', 'empty-clause', 'warning',
    'A clause with neither content nor sub-clauses (ITU-T prints "None." or "This clause is intentionally left blank.").'),
  untitledClause: rule('STR002', 'untitled-clause', 'error', 'A clause without a title.')
} as const;

export const RULE_LIST: RuleInfo[] = Object.values(RULES);

export function ruleByCode(code: string): RuleInfo | undefined {
  return RULE_LIST.find((r) => r.code === code);
}
