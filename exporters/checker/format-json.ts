// The checker's report as JSON, for scripts: the findings with their paths, and the totals.

import type { CheckReport } from './run';

export function formatJson(report: CheckReport): string {
  return JSON.stringify(
    {
      summary: { files: report.files.length, checks: report.checks, applied: report.applied, ...report.counts },
      findings: report.findings
    },
    null,
    2
  ) + '\n';
}
