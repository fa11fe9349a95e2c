// Which threads an export includes: by status and by type of comment.

import { THREAD_TYPE_CODES, type Thread, type ThreadStatus, type ThreadType } from '../../clauses/review';

export const STATUS_FILTERS = ['all', 'open', 'resolved'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface CommentFilter {
  status: StatusFilter;
  /** Every type when absent. */
  type?: ThreadType;
}

export const ALL_COMMENTS: CommentFilter = { status: 'all' };

export function filterThreads(threads: readonly Thread[], filter: CommentFilter): Thread[] {
  return threads.filter(
    (t) =>
      (filter.status === 'all' || t.status === (filter.status satisfies ThreadStatus)) &&
      (!filter.type || t.type === filter.type)
  );
}

/** "all comments", "open comments", "resolved te (technical) comments" — for the Word heading. */
export function describeFilter(filter: CommentFilter): string {
  const status = filter.status === 'all' ? '' : `${filter.status} `;
  const type = filter.type ? `${THREAD_TYPE_CODES[filter.type]} (${filter.type}) ` : '';
  return `${filter.status === 'all' && !filter.type ? 'all ' : ''}${status}${type}comments`;
}
