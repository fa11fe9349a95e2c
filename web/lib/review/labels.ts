// Words the review panel and the composer show for thread types.

import type { ThreadType } from '../../../clauses/review';

export const TYPE_LABELS: Record<ThreadType, string> = {
  general: 'General',
  technical: 'Technical',
  editorial: 'Editorial'
};
