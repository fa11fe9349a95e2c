// `clausework check --rules RULES.json TARGET...`: the reference checker on files.

import { dirname, relative, resolve } from 'node:path';
import { InputError } from '../../services';
import { validateRuleSet } from '../../../exporters/rules/validate';
import type { RuleSet } from '../../../exporters/rules/format';
import { runChecks, hasErrors, type TargetDocument } from '../../../exporters/checker/run';
import { formatText } from '../../../exporters/checker/format-text';
import { formatJson } from '../../../exporters/checker/format-json';
import { formatSarif } from '../../../exporters/checker/format-sarif';
import { explainRule } from '../../../exporters/checker/explain';
import { endProgress, parseJsonFile, progress, readDataFile, readText } from '../io';
import { EXIT } from '../exit';

interface CheckOptions {
  rules: string;
  format: 'text' | 'json' | 'sarif';
  explain?: string;
}

export function runCheck(targets: string[], opts: CheckOptions): void {
  const ruleSet = loadRuleSet(opts.rules);
  if (opts.explain !== undefined) {
    const text = explainRule(ruleSet, opts.explain);
    if (text === undefined) {
      throw new InputError(`no rule "${opts.explain}" in ${opts.rules}: give a rule id, uuid or check name (${ruleSet.rules.slice(0, 5).map((r) => r.id).join(', ')}${ruleSet.rules.length > 5 ? ', …' : ''})`);
    }
    process.stdout.write(text);
    return;
  }
  if (targets.length === 0) throw new InputError('check needs at least one JSON or YAML file to check');
  const rulesDir = dirname(resolve(opts.rules));
  const documents: TargetDocument[] = targets.map((file, i) => {
    progress(`reading ${i + 1}/${targets.length} ${file}`);
    return { file, relativePath: relative(rulesDir, resolve(file)), data: readDataFile(file) };
  });
  progress(`checking ${documents.length} file${documents.length === 1 ? '' : 's'}`);
  const report = runChecks(ruleSet, documents);
  endProgress();
  const out = opts.format === 'json' ? formatJson(report) : opts.format === 'sarif' ? formatSarif(report, ruleSet) : formatText(report);
  process.stdout.write(out);
  if (hasErrors(report)) process.exitCode = EXIT.problems;
}

export function loadRuleSet(file: string): RuleSet {
  const value = parseJsonFile(file, readText(file));
  const result = validateRuleSet(value);
  if (!result.ok) {
    const shown = result.errors.slice(0, 10);
    const more = result.errors.length > shown.length ? `\n  … and ${result.errors.length - shown.length} more` : '';
    throw new InputError(`${file} is not a valid Clausework rule set:\n  ${shown.join('\n  ')}${more}`);
  }
  return result.ruleSet;
}
