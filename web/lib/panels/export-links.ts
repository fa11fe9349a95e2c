// The export menu's entries and the URLs of the HTTP export endpoint they download from.

export const EXPORT_ENTRIES = [
  { format: 'md', label: 'Markdown', policyOption: false, formOption: false },
  { format: 'md-plain', label: 'Markdown (plain, no metadata)', policyOption: false, formOption: false },
  { format: 'docx', label: 'Word (.docx, ITU-T style)', policyOption: true, formOption: true },
  { format: 'html', label: 'HTML (ITU-T style, printable)', policyOption: true, formOption: true },
  { format: 'rules', label: 'Rules JSON (for tools)', policyOption: false, formOption: false },
  { format: 'spectral', label: 'Spectral ruleset', policyOption: false, formOption: false },
  { format: 'oscal', label: 'OSCAL catalog', policyOption: false, formOption: false }
] as const;

export type ExportFormat = (typeof EXPORT_ENTRIES)[number]['format'];

/** The review comments as a comment-resolution table (web/routes/api/standards/[id]/comments/). */
export const COMMENT_EXPORT_ENTRIES = [
  { format: 'csv', label: 'Comments (CSV)' },
  { format: 'docx', label: 'Comments (Word)' }
] as const;

export function commentsUrl(standardId: string, entry: (typeof COMMENT_EXPORT_ENTRIES)[number]): string {
  return `/api/standards/${encodeURIComponent(standardId)}/comments/${entry.format}`;
}

export const POLICY_CHOICES = [
  { value: 'labelled', label: 'Inline, labelled' },
  { value: 'separate', label: 'Separate part' },
  { value: 'omit', label: 'Omit' }
] as const;

export const FORM_CHOICES = [
  { value: 'recommendation', label: 'Recommendation' },
  { value: 'td', label: 'Draft in a TD' }
] as const;

/** The TD header fields the menu offers, in the order of ITU's header table, with their query names. */
export const TD_INPUTS = [
  { field: 'questions', param: 'td-questions', label: 'Question(s)', placeholder: 'Q5/16' },
  { field: 'meeting', param: 'td-meeting', label: 'Meeting, date', placeholder: 'Geneva, 3-14 March 2027' },
  { field: 'studyGroup', param: 'td-study-group', label: 'Study Group', placeholder: 'SG16' },
  { field: 'workingParty', param: 'td-working-party', label: 'Working Party', placeholder: 'WP2/16' },
  { field: 'source', param: 'td-source', label: 'Source', placeholder: 'Editors' },
  { field: 'title', param: 'td-title', label: 'Title', placeholder: '' },
  { field: 'contact', param: 'td-contact', label: 'Contact', placeholder: 'Name, organization, e-mail' }
] as const;

export type TdField = (typeof TD_INPUTS)[number]['field'];
export type TdValues = Partial<Record<TdField, string>>;

/** What the endpoint accepts per TD header value (web/routes/api/options.ts). */
export const TD_VALUE_MAX = 500;

export function exportUrl(
  standardId: string,
  entry: (typeof EXPORT_ENTRIES)[number],
  policy: string,
  form: string,
  td: TdValues = {}
): string {
  const base = `/api/standards/${encodeURIComponent(standardId)}/export/${entry.format}`;
  const query = new URLSearchParams();
  if (entry.policyOption) query.set('policy', policy);
  if (entry.formOption) query.set('form', form);
  if (entry.formOption && form === 'td') {
    for (const { field, param } of TD_INPUTS) {
      const value = td[field]?.trim();
      if (value) query.set(param, value.slice(0, TD_VALUE_MAX));
    }
  }
  const q = query.toString();
  return q ? `${base}?${q}` : base;
}
