// `clausework import FILE.md`: a Markdown draft as Standard JSON. What the importer skipped or
// changed, and the policy tags it proposes (never applies by itself), go to stderr.

import { terminalSafe } from '../../../exporters/checker/terminal-text';
import { importMarkdownFile } from '../load-standard';
import { writeOutput } from '../io';

export async function runImport(file: string, opts: { output?: string }): Promise<void> {
  const { standard, warnings, proposals } = await importMarkdownFile(file);
  writeOutput(opts.output, JSON.stringify(standard, null, 2) + '\n');
  for (const w of warnings) {
    process.stderr.write(terminalSafe(`${file}${w.line ? `:${w.line}` : ''}: warning: ${w.message}`) + '\n');
  }
  for (const p of proposals) {
    process.stderr.write(
      terminalSafe(`${file}: clause ${p.clauseId} reads like a policy recommendation (${p.evidence.join(', ')}); tag it in the editor if so`) + '\n'
    );
  }
}
