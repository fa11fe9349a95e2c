// Query options of the comment exports, validated like the export endpoint's (../../../../options.ts):
// an unknown parameter or value is named in a 400, never silently ignored.
//
//   status=all|open|resolved                                  default all
//   type=ge|te|ed|general|technical|editorial|all             default all (codes or names)

import { THREAD_TYPES, THREAD_TYPE_CODES, type ThreadType } from '../../../../../../clauses/review';
import { STATUS_FILTERS, type CommentFilter, type StatusFilter } from '../../../../../../exporters/comments';
import { ApiError } from '../../../http';

export const COMMENT_PARAMETERS = ['status', 'type'];

const TYPE_VALUES = new Map<string, ThreadType>([
  ...THREAD_TYPES.map((type) => [THREAD_TYPE_CODES[type], type] as const),
  ...THREAD_TYPES.map((type) => [type, type] as const)
]);

export function commentFilter(params: URLSearchParams): CommentFilter {
  for (const name of new Set(params.keys())) {
    if (!COMMENT_PARAMETERS.includes(name)) {
      throw new ApiError(400, `Unknown query parameter "${name}"; accepted: ${COMMENT_PARAMETERS.join(', ')}.`);
    }
    if (params.getAll(name).length > 1) throw new ApiError(400, `The query parameter "${name}" is given more than once.`);
  }
  const status = params.get('status') || 'all';
  if (!(STATUS_FILTERS as readonly string[]).includes(status)) {
    throw new ApiError(400, `Unknown status "${status}"; accepted: ${STATUS_FILTERS.join(', ')}.`);
  }
  const typeParam = params.get('type') || 'all';
  const type = TYPE_VALUES.get(typeParam);
  if (!type && typeParam !== 'all') {
    throw new ApiError(400, `Unknown type "${typeParam}"; accepted: ${[...TYPE_VALUES.keys(), 'all'].join(', ')}.`);
  }
  return { status: status as StatusFilter, ...(type ? { type } : {}) };
}
