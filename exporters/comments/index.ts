// Review comments as a comment-resolution table (ITU-T / ISO/IEC form): rows, CSV and Word.

export { COMMENT_COLUMNS } from './columns';
export { commentRows, rowCells, DELETED_CLAUSE, DELETED_TEXT, type CommentRow } from './rows';
export { anchorState, clauseTexts, type AnchorState } from './anchor-state';
export { ALL_COMMENTS, STATUS_FILTERS, describeFilter, filterThreads, type CommentFilter, type StatusFilter } from './filter';
export { commentsCsv } from './csv';
export { commentsDocx, type CommentsDocxOptions } from './docx';
