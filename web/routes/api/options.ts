// Query options of the export endpoint, validated: an unknown parameter or value is the caller's
// mistake and must be named, not silently ignored or replaced by the default.
//
//   policy=labelled|separate|omit          policy recommendation clauses (docx, html)
//   form=recommendation|td                 a clean Recommendation or a draft carried in a TD
//   td-questions, td-meeting, td-study-group, td-working-party, td-source, td-title, td-contact
//                                          the TD header table (form=td only; each at most
//                                          TD_VALUE_MAX characters). Study group and title
//                                          default to the standard's own.

import {
  ITU_FORMS,
  POLICY_MODES,
  TD_FIELDS,
  type ItuForm,
  type PolicyMode,
  type TdHeader
} from '../../../exporters/itu/options';
import { ApiError } from './http';

export interface ExportOptions {
  policy: PolicyMode;
  form: ItuForm;
  td?: Partial<TdHeader>;
}

export const TD_VALUE_MAX = 500;

/** "studyGroup" -> "td-study-group": the parameter that carries a TD header field. */
export function tdParameter(field: (typeof TD_FIELDS)[number]): string {
  return `td-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

const TD_PARAMETERS = new Map(TD_FIELDS.map((field) => [tdParameter(field), field]));
export const EXPORT_PARAMETERS = ['policy', 'form', ...TD_PARAMETERS.keys()];

function pick<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[], fallback: T): T {
  const value = params.get(name);
  if (value === null || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ApiError(400, `Unknown ${name} "${value}"; accepted: ${allowed.join(', ')}.`);
}

function rejectUnknown(params: URLSearchParams): void {
  for (const name of new Set(params.keys())) {
    if (!EXPORT_PARAMETERS.includes(name)) {
      throw new ApiError(400, `Unknown query parameter "${name}"; accepted: ${EXPORT_PARAMETERS.join(', ')}.`);
    }
    if (params.getAll(name).length > 1) throw new ApiError(400, `The query parameter "${name}" is given more than once.`);
  }
}

function tdHeader(params: URLSearchParams, form: ItuForm): Partial<TdHeader> | undefined {
  const td: Partial<TdHeader> = {};
  for (const [name, field] of TD_PARAMETERS) {
    const value = params.get(name);
    if (value === null) continue;
    if (form !== 'td') throw new ApiError(400, `"${name}" fills the TD header: it needs form=td.`);
    if (value.length > TD_VALUE_MAX) {
      throw new ApiError(400, `"${name}" is ${value.length} characters long; at most ${TD_VALUE_MAX} are accepted.`);
    }
    td[field] = value;
  }
  return Object.keys(td).length > 0 ? td : undefined;
}

export function exportOptions(params: URLSearchParams): ExportOptions {
  rejectUnknown(params);
  const form = pick(params, 'form', ITU_FORMS, 'recommendation');
  const td = tdHeader(params, form);
  return { policy: pick(params, 'policy', POLICY_MODES, 'labelled'), form, ...(td ? { td } : {}) };
}
