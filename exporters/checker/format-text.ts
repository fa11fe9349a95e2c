// The checker's readable report: findings grouped by file, each with its place in the file, its
// severity, the clause and requirement it comes from, and what was found.

import type { CheckReport, Finding } from './run';
import { terminalSafe } from './terminal-text';

const LABEL: Record<Finding['severity'], string> = { error: 'error', warn: 'warning', info: 'info', hint: 'hint' };

export function formatText(report: CheckReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    // In reading order, as an editor shows a file; findings without a position keep theirs.
    const findings = report.findings
      .filter((f) => f.file === file)
      .map((f, i) => ({ f, i }))
      .sort((a, b) => (a.f.line ?? 0) - (b.f.line ?? 0) || (a.f.column ?? 0) - (b.f.column ?? 0) || a.i - b.i)
      .map(({ f }) => f);
    if (findings.length === 0) continue;
    lines.push(terminalSafe(file));
    for (const f of findings) {
      const where = f.clause ? `clause ${f.clause}` : `clause "${f.clauseTitle}"`;
      const at = f.line ? `${f.line}:${f.column}  ` : '';
      lines.push(
        terminalSafe(`  ${at}${f.jsonPath}  ${LABEL[f.severity]}  ${where}, ${f.ruleId}: ${f.message} — ${f.detail}  [${f.code}]`)
      );
    }
    lines.push('');
  }
  lines.push(summary(report));
  return lines.join('\n') + '\n';
}

function summary(report: CheckReport): string {
  const { counts } = report;
  const total = report.findings.length;
  const failedFiles = new Set(report.findings.map((f) => f.file)).size;
  const files = `${report.files.length} file${report.files.length === 1 ? '' : 's'}`;
  // `applied` counts (check, file) pairs: a check limited to other files is not counted.
  if (total === 0) return `No problems: ${report.applied} check${report.applied === 1 ? '' : 's'} passed on ${files}.`;
  const parts = [
    `${counts.error} error${counts.error === 1 ? '' : 's'}`,
    `${counts.warn} warning${counts.warn === 1 ? '' : 's'}`,
    ...(counts.info ? [`${counts.info} info`] : []),
    ...(counts.hint ? [`${counts.hint} hint${counts.hint === 1 ? '' : 's'}`] : [])
  ];
  return `${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${failedFiles} of ${files}.`;
}
