// Kind tags: set on a clause, inherited by its sub-clauses unless overridden, defaulting by role.
// Front matter, appendices and the bibliography are informative whatever a clause inside them
// is tagged: ITU-T says they cannot hold normative content, so a tag there has no effect (the
// diagnostics may point it out).

import type { Block, Clause, ClauseRole, Kind, Standard } from './model';

/** Top-level roles whose whole subtree is informative. */
export const INFORMATIVE_ROLES: ReadonlySet<ClauseRole> = new Set([
  'summary',
  'keywords',
  'introduction',
  'appendix',
  'bibliography'
]);

/** The kind a top-level clause of this role has when nothing is set. */
export function defaultKind(role: ClauseRole): Kind {
  return INFORMATIVE_ROLES.has(role) ? 'informative' : 'normative-technical';
}

/** Every clause's effective kind, by clause id. */
export function effectiveKinds(std: Standard): Map<string, Kind> {
  const out = new Map<string, Kind>();
  for (const clause of std.clauses) {
    const forced = INFORMATIVE_ROLES.has(clause.role);
    assign(out, clause, clause.kind ?? defaultKind(clause.role), forced);
  }
  return out;
}

function assign(out: Map<string, Kind>, clause: Clause, kind: Kind, forced: boolean): void {
  const effective = forced ? 'informative' : kind;
  out.set(clause.id, effective);
  for (const child of clause.children) assign(out, child, child.kind ?? effective, forced);
}

/**
 * Whether text in a clause of this kind, under a top-level clause of this role, may state
 * requirements. Policy recommendations may (they recommend); informative material may not.
 */
export function canHoldNormative(kind: Kind, topRole?: ClauseRole): boolean {
  return kind !== 'informative' && !(topRole !== undefined && INFORMATIVE_ROLES.has(topRole));
}

/** Notes and examples are informative wherever they stand. */
export function blockCanHoldNormative(block: Block): boolean {
  return block.type !== 'note' && block.type !== 'example';
}

/** The top-level clause containing each clause, by clause id (to know its role). */
export function topLevelRoles(std: Standard): Map<string, ClauseRole> {
  const out = new Map<string, ClauseRole>();
  const walk = (clause: Clause, role: ClauseRole): void => {
    out.set(clause.id, role);
    for (const child of clause.children) walk(child, role);
  };
  for (const clause of std.clauses) walk(clause, clause.role);
  return out;
}
