// Policy tags are proposed, never applied: the working group decides what a clause is. A clause
// is proposed when sentences of its own body read as policy (clauses/policy's detector) and it
// is not already tagged, nor informative by its place (front matter, 2–5, appendices).

import type { Clause, ClauseRole, Standard } from '../../clauses/model';
import { blocksText } from '../../clauses/text';
import { findPolicySentences } from '../../clauses/policy/detect';
import type { PolicyProposal } from './errors';

const NOT_PROPOSED: ClauseRole[] = [
  'summary',
  'keywords',
  'introduction',
  'references',
  'definitions',
  'abbreviations',
  'conventions',
  'appendix',
  'bibliography'
];

export function proposePolicyTags(std: Standard): PolicyProposal[] {
  const out: PolicyProposal[] = [];
  const walk = (clause: Clause, topRole: ClauseRole) => {
    if (clause.kind === 'policy-recommendation' || clause.kind === 'informative') return;
    if (!NOT_PROPOSED.includes(topRole)) {
      const found = findPolicySentences(blocksText(clause.blocks));
      if (found.length) out.push({ clauseId: clause.id, evidence: found.map((s) => s.sentence.trim()) });
    }
    for (const child of clause.children) walk(child, topRole);
  };
  for (const clause of std.clauses) walk(clause, clause.role);
  return out;
}
