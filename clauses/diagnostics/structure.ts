// STR001 and STR002: clauses with nothing in them, clauses with no title.

import type { Clause } from '../model';
import { inlineText } from '../text';
import { diagnostic } from './make';
import { RULES } from './rules';
import type { Diagnostic } from './types';

const BLANK = 'This clause is intentionally left blank.';

export function structure(clause: Clause, ctx: { number: string }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = { clauseId: clause.id, ctx };
  const label = ctx.number ? `clause ${ctx.number}` : 'this clause';
  if (!inlineText(clause.title).trim()) out.push(diagnostic(RULES.untitledClause, where, `${label} has no title`));
  const blank = clause.blocks.every((b) => b.type === 'paragraph' && !inlineText(b.content).trim());
  if (blank && clause.children.length === 0)
    out.push(
      diagnostic(RULES.emptyClause, where, `${label} is empty; ITU-T prints "None." or "${BLANK}"`, {
        type: 'fill-empty',
        title: `Insert "${BLANK}"`,
        clauseId: clause.id,
        text: BLANK
      })
    );
  return out;
}
