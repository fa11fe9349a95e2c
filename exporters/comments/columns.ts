// The columns of a comment-resolution table, worded after the ISO/IEC "template for comments and
// secretariat observations" (MB/NC, Clause/Subclause, Paragraph/Figure/Table, Type of comment,
// Comments, Proposed change, Observations of the secretariat). Its "Line number" column is left
// out: a live draft has no fixed lines. A working group's comments come from its members one by
// one, so the first column names the person, not a member body.

export const COMMENT_COLUMNS = [
  'Member',
  'Clause/Subclause',
  'Paragraph/Figure/Table',
  'Type of comment',
  'Comments',
  'Proposed change',
  'Observations/Resolution'
] as const;

export type CommentColumn = (typeof COMMENT_COLUMNS)[number];
