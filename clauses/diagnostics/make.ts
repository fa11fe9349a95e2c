// One way to build a diagnostic, so every rule fills the same fields the same way.

import type { ClauseContext } from '../requirements';
import type { RuleInfo } from './rules';
import type { Diagnostic, Fix } from './types';

export interface Where {
  clauseId: string;
  ctx: Pick<ClauseContext, 'number'>;
  blockId?: string;
  start?: number;
  end?: number;
}

export function diagnostic(rule: RuleInfo, where: Where, message: string, fix?: Fix): Diagnostic {
  const d: Diagnostic = {
    code: rule.code,
    severity: rule.severity,
    clauseId: where.clauseId,
    clauseNumber: where.ctx.number,
    message
  };
  if (where.blockId !== undefined) d.blockId = where.blockId;
  if (where.start !== undefined) d.start = where.start;
  if (where.end !== undefined) d.end = where.end;
  if (fix) d.fix = fix;
  return d;
}

/** A short quotation of a sentence for a message. */
export function quote(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `"${t.length > max ? `${t.slice(0, max - 1)}…` : t}"`;
}
