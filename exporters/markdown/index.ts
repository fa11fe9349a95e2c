// Markdown in and out: one format, one place.

export { importMarkdown, type ImportOptions, type ImportResult } from './import';
export { exportMarkdown, type ExportOptions } from './export';
export { ImportError, type ImportWarning, type PolicyProposal } from './errors';
