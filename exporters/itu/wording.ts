// ITU-T's fixed wording, reproduced exactly from the Author's guide and published
// Recommendations (see shared/design/itu-format.md); the clause lead-ins are the skeleton's, so
// the editor and the exports say the same words. "ITU-T" is written with a plain hyphen here;
// the layout passes generated designations through `ituNonBreaking`.

export {
  REFERENCES_LEAD_IN,
  TERMS_ELSEWHERE_LEAD_IN,
  TERMS_HERE_LEAD_IN,
  ABBREVIATIONS_LEAD_IN,
  TERMS_ELSEWHERE_TITLE,
  TERMS_HERE_TITLE,
  conventionsParagraphs
} from '../../clauses/skeleton';

export const ANNEX_OBLIGATION = '(This annex forms an integral part of this Recommendation.)';
export const APPENDIX_OBLIGATION =
  '(This appendix does not form an integral part of this Recommendation.)';

export const NONE = 'None.';

export const SECTOR_NAME = 'TELECOMMUNICATION STANDARDIZATION SECTOR OF ITU';

/** Visible label of every policy clause in 'labelled' mode. */
export const POLICY_LABEL = '[POLICY RECOMMENDATION – not a technical requirement]';
/** Title of the part that holds policy clauses in 'separate' mode. */
export const POLICY_PART_TITLE = 'Policy recommendations (not technical specification)';
export const POLICY_PART_LABEL = 'Part 2';
export const POLICY_PART_INTRO =
  'The clauses of this part are policy recommendations. They are not part of the technical ' +
  'specification and state no technical requirement; each keeps the number it has in the body.';

export const TD_LABELS = {
  questions: 'Question(s):',
  meeting: 'Meeting, date:',
  studyGroup: 'Study Group:',
  workingParty: 'Working Party:',
  type: 'Intended type of document (R-C-TD):',
  source: 'Source:',
  title: 'Title:',
  contact: 'Contact:'
} as const;

export const EN_DASH = '\u2013';
const NON_BREAKING_HYPHEN = '\u2011';

/** "ITU-T" with a non-breaking hyphen, as ITU prints it, so it never breaks across lines. */
export function ituNonBreaking(text: string): string {
  return text.replace(/ITU-T/g, `ITU${NON_BREAKING_HYPHEN}T`);
}
