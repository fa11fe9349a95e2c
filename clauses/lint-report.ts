// Formatting diagnostics for people and tools: text (one line each), JSON, and SARIF 2.1.0 for
// code-scanning consumers. Pure: the CLI decides where the bytes go and which exit code to use.

import type { Diagnostic, DiagnosticSeverity } from './diagnostics/types';
import { RULE_LIST, ruleByCode } from './diagnostics/rules';
import { toUriReference } from './sarif';

export const LINT_FORMATS = ['text', 'json', 'sarif'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

export interface LintSource {
  /** The file linted, as given on the command line (used as the SARIF artifact URI). */
  uri: string;
  toolVersion?: string;
}

/** Whether any diagnostic is an error: the CLI exits 1 when it is. */
export function hasErrors(diags: Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

function where(d: Diagnostic): string {
  if (d.clauseNumber) return `clause ${d.clauseNumber}`;
  return d.clauseId ? `clause ${d.clauseId}` : 'standard';
}

/** "clause 7.2: error OBL001 message", one line per diagnostic, then a count. */
export function formatText(diags: Diagnostic[]): string {
  const lines = diags.map((d) => `${where(d)}: ${d.severity} ${d.code} ${d.message.replace(/\s*\n\s*/g, ' ')}`);
  const count = (s: DiagnosticSeverity) => diags.filter((d) => d.severity === s).length;
  lines.push(`${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info`);
  return `${lines.join('\n')}\n`;
}

export function formatJson(diags: Diagnostic[]): string {
  return `${JSON.stringify({ diagnostics: diags, errors: diags.filter((d) => d.severity === 'error').length }, null, 2)}\n`;
}

const SARIF_LEVEL: Record<DiagnosticSeverity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note'
};

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A SARIF 2.1.0 log with one run; clauses are logical locations ("7.2", kind "module"). */
export function toSarif(diags: Diagnostic[], source: LintSource): Record<string, unknown> {
  const codes = [...new Set([...RULE_LIST.map((r) => r.code), ...diags.map((d) => d.code)])];
  const rules = codes.map((code) => {
    const info = ruleByCode(code);
    return {
      id: code,
      ...(info ? { name: info.name, shortDescription: { text: info.summary } } : {}),
      defaultConfiguration: { level: SARIF_LEVEL[info?.severity ?? 'warning'] }
    };
  });
  const uri = toUriReference(source.uri);
  const results = diags.map((d) => {
    const logical = {
      name: d.clauseNumber || d.clauseId || 'standard',
      fullyQualifiedName: d.clauseNumber ? `clause ${d.clauseNumber}` : d.clauseId || 'standard',
      kind: 'module'
    };
    const result: Record<string, unknown> = {
      ruleId: d.code,
      ruleIndex: codes.indexOf(d.code),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri } },
          logicalLocations: [logical]
        }
      ],
      // SARIF fixes need byte-level artifact changes; an editor fix is described instead.
      properties: {
        clauseId: d.clauseId,
        ...(d.blockId ? { blockId: d.blockId } : {}),
        ...(d.fix ? { fix: d.fix.title } : {})
      }
    };
    return result;
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'clausework',
            ...(source.toolVersion ? { version: source.toolVersion } : {}),
            rules
          }
        },
        artifacts: [{ location: { uri } }],
        results
      }
    ]
  };
}

/** The report in the requested format. */
export function formatReport(diags: Diagnostic[], format: LintFormat, source: LintSource): string {
  if (format === 'text') return formatText(diags);
  if (format === 'json') return formatJson(diags);
  return `${JSON.stringify(toSarif(diags, source), null, 2)}\n`;
}
