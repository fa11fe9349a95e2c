// The reference checker: applies a rule set's automated checks to parsed JSON/YAML documents
// and says which fail, where. Pure: the CLI reads and parses the files; this only judges them.

import type { Rule, RuleCheck, RuleSet } from '../rules/format';
import type { Severity } from '../../clauses/model';
import { automatedChecks } from '../rules/automated';
import { checkTarget } from '../rules/target';
import { assertValue } from './assert';
import { matchesGlob } from './glob';
import type { Locator } from './locate';
import { closestExistingPath, lintTargets, printJsonPath, selectNodes, type PathSegment } from './select';

export interface TargetDocument {
  /** How the file is named in reports (as the user gave it). */
  file: string;
  /** The file's path relative to the rule set's folder, for checks limited to some files. */
  relativePath?: string;
  data: unknown;
  /** Finds a path's line and column in the file's text, when the caller has the text. */
  locate?: Locator;
}

export interface Finding {
  /** The check's name, as Spectral reports it ("R-7.2-1/c1"). */
  code: string;
  ruleId: string;
  checkId: string;
  uuid: string;
  clause: string;
  clauseTitle: string;
  kind: Rule['kind'];
  level?: string;
  severity: Severity;
  /** What the standard asks, as the check's author wrote it. */
  message: string;
  /** What was found. */
  detail: string;
  file: string;
  path: PathSegment[];
  jsonPath: string;
  /** 1-based, when the document came with a locator. */
  line?: number;
  column?: number;
}

export interface CheckReport {
  findings: Finding[];
  files: string[];
  /** How many (check, file) pairs were applied. */
  applied: number;
  checks: number;
  counts: Record<Severity, number>;
}

export function runChecks(ruleSet: RuleSet, documents: TargetDocument[]): CheckReport {
  const checks = automatedChecks(ruleSet);
  const findings: Finding[] = [];
  let applied = 0;
  for (const doc of documents) {
    const seen = new Set<string>();
    for (const { name, rule, check } of checks) {
      if (!appliesTo(check, doc)) continue;
      applied++;
      for (const finding of checkDocument(name, rule, check, doc)) {
        // Spectral reports a (check, location) once; so do we.
        const key = `${name}\u0000${JSON.stringify(finding.path)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(finding);
      }
    }
  }
  return { findings, files: documents.map((d) => d.file), applied, checks: checks.length, counts: countBySeverity(findings) };
}

function appliesTo(check: RuleCheck, doc: TargetDocument): boolean {
  const files = check.target.files;
  if (!files) return true;
  const path = doc.relativePath ?? doc.file;
  return files.some((glob) => matchesGlob(path, glob));
}

function checkDocument(name: string, rule: Rule, check: RuleCheck, doc: TargetDocument): Finding[] {
  const target = checkTarget(check);
  const out: Finding[] = [];
  for (const node of selectNodes(doc.data, target.given)) {
    for (const t of lintTargets(node, target.field)) {
      for (const failure of assertValue(check, t.value)) {
        const path = closestExistingPath(doc.data, [...node.path, ...t.path, ...failure.path]);
        const position = doc.locate?.(path);
        out.push({
          code: name,
          ruleId: rule.id,
          checkId: check.id,
          uuid: rule.uuid,
          clause: rule.clause,
          clauseTitle: rule.title,
          kind: rule.kind,
          ...(rule.obligation ? { level: rule.obligation.level } : {}),
          severity: check.severity,
          message: check.message.trim() || rule.text.trim(),
          detail: failure.detail,
          file: doc.file,
          path,
          jsonPath: printJsonPath(path),
          ...(position ? { line: position.line, column: position.column } : {})
        });
      }
    }
  }
  return out;
}

function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warn: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Whether the run fails: an error-severity check found something. */
export function hasErrors(report: CheckReport): boolean {
  return report.counts.error > 0;
}
