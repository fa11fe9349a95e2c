// Structural editing of the clause tree: commands for the editor, the outline and tests.

export { findClause, clauseSiblings, type ClauseLocation } from './find';
export { MOVABLE_ROLES, isMovableRole } from './rules';
export {
  insertClauseAfter,
  insertSubclause,
  promoteClause,
  demoteClause,
  moveClauseUp,
  moveClauseDown,
  moveClause,
  deleteClause,
  setClauseKind,
  newClauseNode,
  atSelection,
  clauseIdAtSelection,
  type DropPlace,
  type NewClauseOptions
} from './commands';
export { duplicateIdFixes, repairDuplicateIds, type IdFix } from './duplicate-ids';
export { duplicateIdsPlugin, duplicateIdsKey, isRemoteChange } from './duplicate-ids-plugin';
