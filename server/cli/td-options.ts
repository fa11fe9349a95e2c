// The TD header options of `clausework export` (--td-questions … --td-contact): their help
// texts, and the header they fill, checked so a mistake is named rather than silently dropped.

import { TD_FIELDS, type TdHeader } from '../../exporters/itu/options';
import { InputError } from '../services';

type TdField = (typeof TD_FIELDS)[number];

/** At most this many characters per field: a header cell, not a document. */
export const TD_VALUE_MAX = 500;

const HELP: Record<TdField, string> = {
  questions: 'TD header: Question(s), e.g. "Q5/16"',
  meeting: 'TD header: meeting place and date, e.g. "Geneva, 3-14 March 2027"',
  studyGroup: "TD header: Study Group (default: the standard's)",
  workingParty: 'TD header: Working Party, e.g. "WP2/16"',
  source: 'TD header: Source, e.g. "Editors"',
  title: 'TD header: Title (default: "Draft Recommendation ITU-T <No>: <title>")',
  contact: 'TD header: Contact (name, organization, e-mail)'
};

/** "studyGroup" -> "--td-study-group". */
export function tdFlag(field: TdField): string {
  return `--td-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** "studyGroup" -> "tdStudyGroup": where commander puts the option's value. */
function optionKey(field: TdField): string {
  return `td${field[0]!.toUpperCase()}${field.slice(1)}`;
}

export const TD_OPTIONS = TD_FIELDS.map((field) => ({ flag: `${tdFlag(field)} <text>`, help: HELP[field] }));

/** The TD header the options give, or undefined when none is given. */
export function tdHeaderFromOptions(opts: object, form: string): Partial<TdHeader> | undefined {
  const td: Partial<TdHeader> = {};
  for (const field of TD_FIELDS) {
    const value = (opts as Record<string, unknown>)[optionKey(field)];
    if (typeof value !== 'string') continue;
    if (form !== 'td') throw new InputError(`${tdFlag(field)} fills the TD header: it needs --form td`);
    if (value.length > TD_VALUE_MAX) {
      throw new InputError(`${tdFlag(field)} is ${value.length} characters long; at most ${TD_VALUE_MAX} are accepted`);
    }
    td[field] = value;
  }
  return Object.keys(td).length > 0 ? td : undefined;
}
