// Query options of the export endpoint, validated: an unknown value is the caller's mistake and
// must be named, not silently replaced by the default.

import { ITU_FORMS, POLICY_MODES, type ItuForm, type PolicyMode } from '../../../exporters/itu/options';
import { ApiError } from './http';

export interface ExportOptions {
  policy: PolicyMode;
  form: ItuForm;
}

function pick<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[], fallback: T): T {
  const value = params.get(name);
  if (value === null || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ApiError(400, `Unknown ${name} "${value}"; accepted: ${allowed.join(', ')}.`);
}

export function exportOptions(params: URLSearchParams): ExportOptions {
  return {
    policy: pick(params, 'policy', POLICY_MODES, 'labelled'),
    form: pick(params, 'form', ITU_FORMS, 'recommendation')
  };
}
