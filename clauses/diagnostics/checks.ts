// CHK001, CHK002 and REQ002: what an editor attached to a paragraph, checked where it is.

import type { Clause } from '../model';
import { validateChecks } from '../checks';
import type { ClauseContext, ParagraphUnit, Requirement } from '../requirements';
import { diagnostic } from './make';
import { RULES } from './rules';
import type { Diagnostic } from './types';

export function attachedChecks(clause: Clause, ctx: ClauseContext, units: ParagraphUnit[], requirements: Requirement[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reqByParagraph = new Map(requirements.map((r) => [r.paragraphId, r]));
  for (const unit of units) {
    if (!unit.checks) continue;
    const req = reqByParagraph.get(unit.id);
    const where = { clauseId: clause.id, ctx, blockId: unit.id };
    if (!req) {
      out.push(diagnostic(RULES.checkWithoutRequirement, where, `${unit.checks.length} machine check(s) on a paragraph that states no requirement; they will not be exported`));
      continue;
    }
    for (const e of validateChecks(unit.checks)) {
      const [index, ...field] = e.field.split('.');
      const check = unit.checks[Number(index)];
      const name = check && typeof check.id === 'string' ? `"${check.id}"` : `#${Number(index) + 1}`;
      out.push(diagnostic(RULES.invalidCheck, where, `requirement ${req.id}, check ${name}${field.length ? ` (${field.join('.')})` : ''}: ${e.message}`));
    }
  }
  return out;
}

export function labelPattern(clause: Clause, ctx: ClauseContext, requirements: Requirement[]): Diagnostic[] {
  if (!ctx.pattern.trim() || !ctx.matcher) return [];
  const out: Diagnostic[] = [];
  for (const req of requirements) {
    if (req.label === undefined || req.label === req.id) continue;
    out.push(
      diagnostic(
        RULES.labelPattern,
        { clauseId: clause.id, ctx, blockId: req.paragraphId },
        `label "${req.label}" does not match the requirement pattern /${ctx.pattern}/; the automatic id ${req.id} is used until it does`,
        { type: 'clear-label', title: `Use the automatic id ${req.id}`, blockId: req.paragraphId }
      )
    );
  }
  return out;
}
