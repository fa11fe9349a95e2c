// The Settings panel's validation: what a drafter may type as the requirement label pattern, the
// version and the date, and which existing labels a pattern would accept. Messages name the
// problem so the drafter can fix it without guessing.

import type { Block, Clause, Standard } from '../../../clauses/model';

export const DATE_SHAPE = /^(0[1-9]|1[0-2])\/\d{4}$/;
const MAX_VERSION = 40;
const MAX_PATTERN = 200;

/** Why a label pattern cannot be used, or null. Empty means "any label". */
export function patternError(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN) return `The pattern is longer than ${MAX_PATTERN} characters.`;
  // The pattern alone first, so the message quotes what the drafter typed, not the anchored form
  // the label check compiles (which can still fail, e.g. "a)|(b").
  for (const source of [pattern, `^(?:${pattern})$`]) {
    try {
      new RegExp(source);
    } catch (error) {
      return `Not a valid regular expression: ${regexProblem(error)}.`;
    }
  }
  return null;
}

/** "Invalid regular expression: /a(/: Unterminated group" -> "unterminated group". */
function regexProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.slice(message.lastIndexOf(': ') + 2) || message;
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

/** Why a date cannot be printed in footers ("MM/YYYY"), or null. Empty means "not yet approved". */
export function dateError(date: string): string | null {
  if (date === '' || DATE_SHAPE.test(date)) return null;
  return `"${date}" is not a date of the form MM/YYYY (e.g. 03/2027); leave it empty while a draft.`;
}

export function versionError(version: string): string | null {
  if (version.trim() === '') return 'The version cannot be empty (e.g. 0.1).';
  if (version.length > MAX_VERSION) return `The version is longer than ${MAX_VERSION} characters.`;
  if (/[\r\n]/.test(version)) return 'The version must be on one line.';
  return null;
}

/** Every editor-set requirement label in the draft, in document order, once each. */
export function requirementLabels(std: Standard): string[] {
  const labels = new Set<string>();
  const visitBlocks = (blocks: Block[]) => {
    for (const block of blocks) {
      if (block.type === 'paragraph' && block.requirement?.label) labels.add(block.requirement.label);
      else if (block.type === 'list') block.items.forEach(visitBlocks);
      else if (block.type === 'note' || block.type === 'example') visitBlocks(block.content);
    }
  };
  const visit = (clause: Clause) => {
    visitBlocks(clause.blocks);
    clause.children.forEach(visit);
  };
  std.clauses.forEach(visit);
  return [...labels];
}

/** Each label with whether `pattern` accepts it; null when the pattern does not compile. */
export function labelPreview(labels: string[], pattern: string): { label: string; matches: boolean }[] | null {
  if (patternError(pattern)) return null;
  if (pattern.trim() === '') return labels.map((label) => ({ label, matches: true }));
  const matcher = new RegExp(`^(?:${pattern})$`);
  return labels.map((label) => ({ label, matches: matcher.test(label) }));
}
