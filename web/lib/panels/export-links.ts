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

export const POLICY_CHOICES = [
  { value: 'labelled', label: 'Inline, labelled' },
  { value: 'separate', label: 'Separate part' },
  { value: 'omit', label: 'Omit' }
] as const;

export const FORM_CHOICES = [
  { value: 'recommendation', label: 'Recommendation' },
  { value: 'td', label: 'Draft in a TD' }
] as const;

export function exportUrl(
  standardId: string,
  entry: (typeof EXPORT_ENTRIES)[number],
  policy: string,
  form: string
): string {
  const base = `/api/standards/${encodeURIComponent(standardId)}/export/${entry.format}`;
  const query = new URLSearchParams();
  if (entry.policyOption) query.set('policy', policy);
  if (entry.formOption) query.set('form', form);
  const q = query.toString();
  return q ? `${base}?${q}` : base;
}
