// The export formats the HTTP API offers: for each, how to render a `Standard` and how to label
// the download. The exporters are pure; this table only adds what HTTP needs.

import type { Standard } from '../../../clauses/model';
import { exportRules } from '../../../exporters/rules/export';
import { exportSpectral } from '../../../exporters/rules/spectral';
import { exportOscal } from '../../../exporters/rules/oscal';
import { exportItuDocx, exportItuHtml } from '../../../exporters/itu';
import { exportMarkdown } from '../../../exporters/markdown';
import type { ExportOptions } from './options';
import { rulesJson } from './rules-bytes';

export interface RenderContext {
  options: ExportOptions;
  /** ISO 8601 time the draft last changed: OSCAL's last-modified, stable for an unchanged draft. */
  updatedAt: string;
}

interface FormatSpec {
  contentType: string;
  /** File name suffix after the standard's slug. */
  suffix: string;
  render(std: Standard, context: RenderContext): Promise<string | Uint8Array> | string | Uint8Array;
  /** Extra response headers for this format. */
  headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const MARKDOWN_TYPE = 'text/markdown; charset=utf-8';

const SPECS = {
  md: { contentType: MARKDOWN_TYPE, suffix: '.md', render: (std) => exportMarkdown(std) },
  'md-plain': { contentType: MARKDOWN_TYPE, suffix: '.plain.md', render: (std) => exportMarkdown(std, { plain: true }) },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    suffix: '.docx',
    render: (std, { options }) => exportItuDocx(std, options)
  },
  html: {
    contentType: 'text/html; charset=utf-8',
    suffix: '.html',
    render: (std, { options }) => exportItuHtml(std, options),
    // Draft text is user content: even if opened in place, the page may not run or fetch anything.
    headers: { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" }
  },
  rules: { contentType: JSON_TYPE, suffix: '.rules.json', render: (std) => rulesJson(std) },
  spectral: {
    contentType: JSON_TYPE,
    suffix: '.spectral.json',
    render: (std) => pretty(exportSpectral(exportRules(std)))
  },
  oscal: {
    contentType: JSON_TYPE,
    suffix: '.oscal.json',
    render: (std, { updatedAt }) => pretty(exportOscal(exportRules(std), { lastModified: updatedAt }))
  }
} satisfies Record<string, FormatSpec>;

export type ExportFormat = keyof typeof SPECS;
export const EXPORT_FORMATS = Object.keys(SPECS) as ExportFormat[];

export function isExportFormat(value: string): value is ExportFormat {
  return Object.hasOwn(SPECS, value);
}

export function formatSpec(format: ExportFormat): FormatSpec {
  return SPECS[format];
}

/** A file name from the designation ("ITU-T F.FRS" -> "ITU-T-F.FRS"), else the id. */
export function fileStem(std: Standard): string {
  const slug = std.meta.designation
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return slug || std.meta.id;
}
