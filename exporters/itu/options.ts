// What a user chooses when exporting an ITU-T style document.

export const ITU_FORMS = ['recommendation', 'td'] as const;
export type ItuForm = (typeof ITU_FORMS)[number];

/**
 * How policy-recommendation clauses appear: 'labelled' keeps them in place with a visible label
 * and a shaded box; 'separate' moves them to their own part after the body and before the
 * annexes, keeping their numbers; 'omit' leaves them out with a one-line notice.
 */
export const POLICY_MODES = ['labelled', 'separate', 'omit'] as const;
export type PolicyMode = (typeof POLICY_MODES)[number];

/** The header table of a Temporary Document carrying the draft. */
export interface TdHeader {
  questions: string;
  meeting: string;
  studyGroup: string;
  workingParty: string;
  source: string;
  title: string;
  contact: string;
}

export const TD_FIELDS = [
  'questions',
  'meeting',
  'studyGroup',
  'workingParty',
  'source',
  'title',
  'contact'
] as const satisfies readonly (keyof TdHeader)[];

export interface ItuOptions {
  form: ItuForm;
  td?: Partial<TdHeader>;
  policy: PolicyMode;
}

export const DEFAULT_ITU_OPTIONS: ItuOptions = { form: 'recommendation', policy: 'labelled' };

/** Fills defaults and rejects values the exporter cannot honour, naming the offending option. */
export function resolveItuOptions(input: Partial<ItuOptions> = {}): ItuOptions {
  const form = input.form ?? DEFAULT_ITU_OPTIONS.form;
  const policy = input.policy ?? DEFAULT_ITU_OPTIONS.policy;
  if (!ITU_FORMS.includes(form)) {
    throw new Error(`Unknown ITU form "${String(form)}": use one of ${ITU_FORMS.join(', ')}.`);
  }
  if (!POLICY_MODES.includes(policy)) {
    throw new Error(
      `Unknown policy mode "${String(policy)}": use one of ${POLICY_MODES.join(', ')}.`
    );
  }
  if (input.td !== undefined) {
    for (const [key, value] of Object.entries(input.td)) {
      if (!(TD_FIELDS as readonly string[]).includes(key)) {
        throw new Error(`Unknown TD header field "${key}": use ${TD_FIELDS.join(', ')}.`);
      }
      if (typeof value !== 'string') {
        throw new Error(`TD header field "${key}" must be text.`);
      }
    }
  }
  return { form, policy, ...(input.td ? { td: input.td } : {}) };
}
