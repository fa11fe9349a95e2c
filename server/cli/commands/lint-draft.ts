// `clausework lint-draft FILE`: the draft diagnostics, as in the editor's problems panel.

import { diagnose } from '../../../clauses/diagnostics';
import { formatReport, hasErrors, type LintFormat } from '../../../clauses/lint-report';
import { terminalSafe } from '../../../exporters/checker/terminal-text';
import { loadStandard } from '../load-standard';
import { EXIT } from '../exit';

export async function runLintDraft(file: string, opts: { format: LintFormat }): Promise<void> {
  const std = await loadStandard(file);
  const diagnostics = diagnose(std);
  const report = formatReport(diagnostics, opts.format, { uri: file });
  // Text goes to a terminal: hostile clause text must not drive it (bidi overrides, escapes).
  process.stdout.write(opts.format === 'text' ? terminalSafe(report) : report);
  if (hasErrors(diagnostics)) process.exitCode = EXIT.problems;
}
