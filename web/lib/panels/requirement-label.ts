// Validation of an editor-set requirement label against the standard's pattern (matched as
// clauses/requirements matches it, so what the panel accepts is what becomes the id) and the ids
// other requirements already use (a duplicate id would make rules ambiguous for tools).

import { labelMatcher } from '../../../clauses/requirements';

/** The reason a label is not acceptable, or undefined. An empty label means "automatic id". */
export function labelError(label: string, pattern: string, takenIds: ReadonlySet<string>): string | undefined {
  const value = label.trim();
  if (!value) return undefined;
  if (/\s/.test(value)) return 'a label has no spaces';
  if (pattern.trim()) {
    const matcher = labelMatcher(pattern);
    if (!matcher) {
      return `the standard's requirement pattern /${pattern}/ is not a valid regular expression; fix it in the standard's settings`;
    }
    if (!matcher.test(value)) return `"${value}" does not follow the standard's pattern /${pattern}/`;
  }
  if (takenIds.has(value)) return `"${value}" is already the id of another requirement`;
  return undefined;
}
