// The checker's report as SARIF 2.1.0, which code-scanning tools (GitHub, IDEs) import:
// one run, every automated check as a reporting rule, one result per finding.

import type { Severity } from '../../clauses/model';
import type { RuleSet } from '../rules/format';
import { automatedChecks } from '../rules/automated';
import { checkDescription, ruleTags } from '../rules/spectral';
import type { CheckReport } from './run';
import { toUriReference } from '../../clauses/sarif';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warn: 'warning', info: 'note', hint: 'note' };


export function formatSarif(report: CheckReport, ruleSet: RuleSet): string {
  const checks = automatedChecks(ruleSet);
  const index = new Map(checks.map((c, i) => [c.name, i]));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'clausework',
            informationUri: 'https://clausework.dev',
            rules: checks.map(({ name, rule, check }) => ({
              id: name,
              shortDescription: { text: checkDescription(rule, check) },
              fullDescription: { text: rule.text || rule.title || rule.id },
              defaultConfiguration: { level: LEVEL[check.severity] },
              properties: {
                requirement: rule.id,
                uuid: rule.uuid,
                clause: rule.clause,
                clauseId: rule.clauseId,
                kind: rule.kind,
                ...(rule.obligation ? { obligation: rule.obligation.level } : {}),
                tags: ruleTags(rule)
              }
            }))
          }
        },
        // Which draft the rules came from, so a result can be traced back to the text it enforces.
        properties: {
          standard: {
            id: ruleSet.document.id,
            designation: ruleSet.document.designation,
            title: ruleSet.document.title,
            version: ruleSet.document.version,
            sourceSha256: ruleSet.document.sourceSha256
          }
        },
        artifacts: report.files.map((file) => ({ location: { uri: toUriReference(file) } })),
        results: report.findings.map((f) => ({
          ruleId: f.code,
          ...(index.has(f.code) ? { ruleIndex: index.get(f.code) } : {}),
          level: LEVEL[f.severity],
          message: { text: `Clause ${f.clause || f.clauseTitle}, ${f.ruleId}: ${f.message} — ${f.detail}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUriReference(f.file), index: report.files.indexOf(f.file) },
                ...(f.line ? { region: { startLine: f.line, startColumn: f.column } } : {})
              },
              logicalLocations: [{ fullyQualifiedName: f.jsonPath, kind: 'member' }]
            }
          ],
          properties: { clause: f.clause, requirement: f.ruleId, path: f.path }
        }))
      }
    ]
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
