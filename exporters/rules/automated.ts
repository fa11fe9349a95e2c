// The automated data checks of a rule set, each with the name Spectral reports it under. The
// Spectral writer and the reference checker both enumerate checks through here, so a finding of
// either names the same check the same way.

import { isDataCheck, type Rule, type RuleCheck, type RuleSet } from './format';

export interface AutomatedCheck {
  /** Unique in the rule set: "<requirement id>/<check id>", made safe for Spectral. */
  name: string;
  rule: Rule;
  check: RuleCheck;
}

export function automatedChecks(ruleSet: RuleSet): AutomatedCheck[] {
  const taken = new Set<string>();
  const out: AutomatedCheck[] = [];
  for (const rule of ruleSet.rules) {
    for (const check of rule.checks ?? []) {
      if (isDataCheck(check)) out.push({ name: uniqueName(checkName(rule, check), taken), rule, check });
    }
  }
  return out;
}

function checkName(rule: Rule, check: RuleCheck): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${safe(rule.id) || 'rule'}/${safe(check.id) || 'check'}`;
}

// Duplicate requirement ids are a draft diagnostic, not a reason to lose a check.
function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}-${n}`;
  taken.add(candidate);
  return candidate;
}
