// Draft diagnostics: `diagnose(std)` for a one-off pass (CLI, server, tests) and
// `createDiagnoser()` for an editor that re-checks on every keystroke.

import type { Standard } from '../model';
import { createEngine } from './engine';
import type { Diagnostic } from './types';

export type { Diagnostic, DiagnosticSeverity, Fix } from './types';
export { RULES, RULE_LIST, ruleByCode, type RuleInfo } from './rules';
export { createEngine, type Analysis, type Engine } from './engine';

/** Every diagnostic of a standard, in document order. */
export function diagnose(std: Standard): Diagnostic[] {
  return createEngine().run(std).diagnostics;
}

/**
 * An incremental diagnoser: per-clause work is remembered between calls and redone only for
 * clauses whose object changed (or whose number, kind or the convention did).
 */
export function createDiagnoser(): (std: Standard) => Diagnostic[] {
  const engine = createEngine();
  return (std) => engine.run(std).diagnostics;
}
