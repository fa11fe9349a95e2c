// POL001: policy language inside a normative technical clause. The fixed clauses 1-5 are left
// alone: a Scope naturally names the settings a Recommendation is meant for.

import type { Clause, ClauseRole } from '../model';
import { explainEvidence, findPolicySentences } from '../policy/detect';
import { isNormativePlace, type ClauseContext, type ParagraphUnit } from '../requirements';
import { diagnostic, quote } from './make';
import { RULES } from './rules';
import type { Diagnostic } from './types';

const EXEMPT_ROLES: ReadonlySet<ClauseRole> = new Set(['scope', 'references', 'definitions', 'abbreviations', 'conventions']);

export function policyLanguage(clause: Clause, ctx: ClauseContext, units: ParagraphUnit[]): Diagnostic[] {
  if (ctx.kind !== 'normative-technical' || EXEMPT_ROLES.has(ctx.topRole)) return [];
  const out: Diagnostic[] = [];
  for (const unit of units) {
    if (!isNormativePlace(unit.place)) continue;
    // One diagnostic per paragraph is enough to prompt the retag.
    const hit = findPolicySentences(unit.prose)[0];
    if (!hit) continue;
    out.push(
      diagnostic(
        RULES.policyLanguage,
        { clauseId: clause.id, ctx, blockId: unit.id, start: hit.start, end: hit.start + hit.sentence.length },
        `policy language in a normative technical clause: ${quote(hit.sentence)} (${explainEvidence(hit)}); consider tagging the clause as a policy recommendation`,
        { type: 'retag', title: 'Tag the clause as a policy recommendation', clauseId: clause.id, kind: 'policy-recommendation' }
      )
    );
  }
  return out;
}
