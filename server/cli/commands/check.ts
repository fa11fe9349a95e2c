// `clausework check --rules RULES TARGET...`: the reference checker on files. RULES is a rule
// set, or a draft (Markdown or Standard JSON) whose rule set is made on the spot.

import { dirname, relative, resolve } from 'node:path';
import type { Severity } from '../../../clauses/model';
import { InputError } from '../../services';
import { validateRuleSet } from '../../../exporters/rules/validate';
import { exportRules } from '../../../exporters/rules/export';
import type { RuleSet } from '../../../exporters/rules/format';
import { runChecks, type CheckReport, type TargetDocument } from '../../../exporters/checker/run';
import { formatText } from '../../../exporters/checker/format-text';
import { formatJson } from '../../../exporters/checker/format-json';
import { formatSarif } from '../../../exporters/checker/format-sarif';
import { explainRule } from '../../../exporters/checker/explain';
import { sourceLocator, type Locator } from '../../../exporters/checker/locate';
import { loadStandard } from '../load-standard';
import { endProgress, parseJsonFile, progress, readDataFile, readText } from '../io';
import { EXIT } from '../exit';

interface CheckOptions {
  rules: string;
  format: 'text' | 'json' | 'sarif';
  explain?: string;
  failOn: Severity;
}

export async function runCheck(targets: string[], opts: CheckOptions): Promise<void> {
  const ruleSet = await loadRules(opts.rules);
  if (opts.explain !== undefined) {
    process.stdout.write(explanation(ruleSet, opts));
    return;
  }
  if (targets.length === 0) throw new InputError('check needs at least one JSON or YAML file to check');
  const rulesDir = dirname(resolve(opts.rules));
  const documents: TargetDocument[] = targets.map((file, i) => {
    progress(`reading ${i + 1}/${targets.length} ${file}`);
    const { text, data } = readDataFile(file);
    return { file, relativePath: relative(rulesDir, resolve(file)), data, locate: lazyLocator(text) };
  });
  progress(`checking ${documents.length} file${documents.length === 1 ? '' : 's'}`);
  const report = runChecks(ruleSet, documents);
  endProgress();
  const out = opts.format === 'json' ? formatJson(report) : opts.format === 'sarif' ? formatSarif(report, ruleSet) : formatText(report);
  process.stdout.write(out);
  if (fails(report, opts.failOn)) process.exitCode = EXIT.problems;
}

const RANK: Record<Severity, number> = { error: 0, warn: 1, info: 2, hint: 3 };

/** Whether a finding at `failOn` or above was made (error by default, as Spectral). */
function fails(report: CheckReport, failOn: Severity): boolean {
  return report.findings.some((f) => RANK[f.severity] <= RANK[failOn]);
}

function explanation(ruleSet: RuleSet, opts: CheckOptions): string {
  const text = explainRule(ruleSet, opts.explain ?? '');
  if (text !== undefined) return text;
  const known = ruleSet.rules.slice(0, 5).map((r) => r.id).join(', ');
  throw new InputError(
    `no rule "${opts.explain}" in ${opts.rules}: give a rule id, uuid or check name (${known}${ruleSet.rules.length > 5 ? ', …' : ''})`
  );
}

/** Positions are only needed for findings: read the file's layout on the first one. */
function lazyLocator(text: string): Locator {
  let locate: Locator | undefined;
  return (path) => (locate ??= sourceLocator(text))(path);
}

async function loadRules(file: string): Promise<RuleSet> {
  if (/\.(md|markdown)$/i.test(file)) return exportRules(await loadStandard(file));
  const value = parseJsonFile(file, readText(file));
  if (looksLikeStandard(value)) return exportRules(await loadStandard(file));
  return loadRuleSet(file, value);
}

const looksLikeStandard = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && 'meta' in v && 'clauses' in v && !('rules' in v);

export function loadRuleSet(file: string, value: unknown): RuleSet {
  const result = validateRuleSet(value);
  if (!result.ok) {
    const shown = result.errors.slice(0, 10);
    const more = result.errors.length > shown.length ? `\n  … and ${result.errors.length - shown.length} more` : '';
    throw new InputError(`${file} is not a valid Clausework rule set:\n  ${shown.join('\n  ')}${more}`);
  }
  return result.ruleSet;
}
