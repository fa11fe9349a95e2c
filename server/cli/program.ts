// The `clausework` command line: its commands, options and help texts. Each command's work is
// loaded only when that command runs, so `--help` stays quick.

import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { TD_OPTIONS } from './td-options';

const EXIT_CODES = `
Exit codes:
  0  success
  1  the draft or the checked files have error-severity problems
  2  bad input: missing or unreadable file, invalid JSON/YAML/Markdown, schema violation, bad option,
     unknown account or token`;

export const EXPORT_FORMATS = ['md', 'docx', 'html', 'rules', 'spectral', 'oscal'] as const;
export const REPORT_FORMATS = ['text', 'json', 'sarif'] as const;

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

export function buildProgram(): Command {
  const program = new Command('clausework')
    .description('Work with Clausework standards offline: export a draft, lint it, check files against its rules, import Markdown; manage API tokens.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES);

  const exportCommand = program
    .command('export')
    .description('Export a draft (Markdown or Standard JSON) to another format.')
    .argument('<file>', 'the draft: a Markdown file (.md) or a Standard JSON file (.json)')
    .addOption(new Option('--to <format>', 'output format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .option('-o, --output <file>', 'write here instead of standard output')
    .option('--plain', 'Markdown without the hidden metadata (clause ids, kinds, requirement ids, checks)')
    .addOption(new Option('--policy <mode>', 'policy recommendation clauses in Word/HTML').choices(['labelled', 'separate', 'omit']).default('labelled'))
    .addOption(new Option('--form <form>', 'Word/HTML layout: a clean Recommendation or a draft carried in a TD').choices(['recommendation', 'td']).default('recommendation'))
    .option('--generated-at <time>', 'ISO 8601 time recorded in rules/oscal (rules omit it by default, so exports of one draft are byte-identical; oscal defaults to now)')
    .addHelpText('after', `\nExamples:\n  clausework export draft.md --to rules -o rules.json\n  clausework export standard.json --to docx --form td --td-questions Q5/16 --td-meeting "Geneva, 3-14 March 2027" -o draft.docx\n${EXIT_CODES}`)
    .action(async (file: string, opts) => (await import('./commands/export')).runExport(file, opts));
  for (const { flag, help } of TD_OPTIONS) exportCommand.option(flag, help);

  program
    .command('lint-draft')
    .description('Report problems in a draft: requirement wording in informative text, policy language, missing definitions, …')
    .argument('<file>', 'the draft: a Markdown file (.md) or a Standard JSON file (.json)')
    .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
    .addHelpText('after', EXIT_CODES)
    .action(async (file: string, opts) => (await import('./commands/lint-draft')).runLintDraft(file, opts));

  program
    .command('check')
    .description("Apply a rule set's automated checks to JSON and YAML files (data schemas, configurations, data).")
    .requiredOption('--rules <file>', 'the rule set (clausework export … --to rules), or the draft itself (.md or Standard JSON)')
    .argument('[targets...]', 'JSON (.json) or YAML (.yaml, .yml) files to check')
    .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
    .option('--explain <rule>', 'print the clause text of a rule (its id, uuid or check name) and exit')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding of this severity or above is made').choices(['error', 'warn', 'info', 'hint']).default('error'))
    .addHelpText('after', `\nExamples:\n  clausework check --rules rules.json schemas/*.json config.yaml\n  clausework check --rules rules.json --format sarif schema.json > results.sarif\n  clausework check --rules draft.md --fail-on warn config.yaml
  clausework check --rules rules.json --explain R-7.2-1\n${EXIT_CODES}`)
    .action(async (targets: string[], opts) => (await import('./commands/check')).runCheck(targets, opts));

  program
    .command('import')
    .description('Convert a Markdown draft into Standard JSON.')
    .argument('<file>', 'the Markdown draft (.md)')
    .option('-o, --output <file>', 'write here instead of standard output')
    .addHelpText('after', EXIT_CODES)
    .action(async (file: string, opts) => (await import('./commands/import')).runImport(file, opts));

  const token = program
    .command('token')
    .description("Manage an account's personal read-only API tokens, in the server's data directory (DATA_DIR, default ./data).")
    .addHelpText('after', `\nExamples:\n  DATA_DIR=/srv/clausework clausework token create --email ana@example.org --name ci --expires-days 90\n  clausework token list --email ana@example.org\n  clausework token revoke --email ana@example.org --id t-abc123\n${EXIT_CODES}`);
  token
    .command('create')
    .description('Create a read-only API token; prints the token once on standard output, its details on standard error.')
    .requiredOption('--email <email>', 'the account the token acts for (it must exist)')
    .option('--name <label>', 'what the token is for, shown when listing tokens', 'command line')
    .option('--expires-days <days>', 'expire after this many days (default: no expiry)')
    .addHelpText('after', EXIT_CODES)
    .action(async (opts) => (await import('./commands/token')).runTokenCreate(opts));
  token
    .command('list')
    .description("List an account's API tokens (never the tokens themselves).")
    .requiredOption('--email <email>', 'the account')
    .addHelpText('after', EXIT_CODES)
    .action(async (opts) => (await import('./commands/token')).runTokenList(opts));
  token
    .command('revoke')
    .description('Revoke an API token: it stops working at once.')
    .requiredOption('--email <email>', 'the account owning the token')
    .requiredOption('--id <id>', 'the token id (from token list)')
    .addHelpText('after', EXIT_CODES)
    .action(async (opts) => (await import('./commands/token')).runTokenRevoke(opts));

  return program;
}
