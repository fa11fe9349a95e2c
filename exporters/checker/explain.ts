// `check --explain RULE`: what a rule asks for, in the standard's own words, with its checks.

import type { RuleSet } from '../rules/format';
import { automatedChecks } from '../rules/automated';
import { terminalSafe } from './terminal-text';

/** The rule found by id, uuid or check name, explained; undefined when there is none. */
export function explainRule(ruleSet: RuleSet, key: string): string | undefined {
  const byCheck = automatedChecks(ruleSet).find((c) => c.name === key)?.rule;
  const rule = byCheck ?? ruleSet.rules.find((r) => r.id === key || r.uuid === key);
  if (!rule) return undefined;
  const doc = ruleSet.document;
  const lines = [
    `${rule.id} — ${rule.clause ? `clause ${rule.clause}` : 'clause'} ${rule.title}`.trim(),
    `${[doc.designation, doc.title].filter(Boolean).join(' ')}${doc.version ? `, version ${doc.version}` : ''}`,
    `Kind: ${rule.kind}${rule.obligation ? `; obligation: ${rule.obligation.level} ("${rule.obligation.keyword}")` : ''}; severity: ${rule.severity}`,
    '',
    rule.text,
    ''
  ];
  for (const check of rule.checks ?? []) {
    const a = check.assert;
    const operand = a.regex !== undefined ? ` /${a.regex}/${a.flags ?? ''}` : a.values ? ` ${JSON.stringify(a.values)}` : a.schema ? ' (JSON Schema)' : '';
    lines.push(
      `Check ${check.id} (${check.method}, ${check.severity}): ${check.target.artifact} ${check.target.selector.expr}${a.field ? ` field ${a.field}` : ''} ${a.op}${operand}`,
      ...(check.target.files ? [`  files: ${check.target.files.join(', ')}`] : []),
      ...(check.message ? [`  ${check.message}`] : [])
    );
  }
  return lines.map(terminalSafe).join('\n').trimEnd() + '\n';
}
