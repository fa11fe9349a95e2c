// Small drafts for the requirement and diagnostic tests: the real skeleton of a new standard
// with its front matter filled in, and the body clauses a test supplies.

import type { Block, Check, Clause, ClauseRole, Convention, Inline, Kind, Standard } from '../../clauses/model';
import { completeMeta, skeletonStandard } from '../../clauses/skeleton';

let seq = 0;
export const nextId = (prefix: string) => `${prefix}-t${(seq++).toString(36)}`;
export const text = (t: string): Inline[] => [{ type: 'text', text: t }];

export function p(t: string, requirement?: { label?: string; checks?: Check[] }, id = nextId('p')): Block {
  const block: Block = { type: 'paragraph', id, content: text(t) };
  if (requirement) block.requirement = requirement;
  return block;
}

export function note(...content: Block[]): Block {
  return { type: 'note', id: nextId('n'), content };
}

export function clause(title: string, blocks: Block[], opts: { kind?: Kind; role?: ClauseRole; children?: Clause[]; id?: string } = {}): Clause {
  return {
    id: opts.id ?? nextId('c'),
    role: opts.role ?? 'body',
    kind: opts.kind ?? null,
    title: title ? text(title) : [],
    blocks,
    children: opts.children ?? []
  };
}

export interface DraftOptions {
  convention?: Convention;
  pattern?: string;
  /** Clauses appended after the body: annexes, appendices. */
  after?: Clause[];
  terms?: Block[];
  abbreviations?: [string, string][];
  references?: [string, string][];
  summary?: string;
}

/** A standard from the skeleton: Summary, Keywords, 1-5, the given body, then `after`. */
export function draft(body: Clause[], opts: DraftOptions = {}): Standard {
  const std = skeletonStandard(
    completeMeta({
      id: 's-test',
      title: 'Face recognition systems',
      designation: 'ITU-T F.FRS',
      convention: opts.convention ?? 'itu-t',
      requirementPattern: opts.pattern ?? '^FRS-REQ-\\d{2}$'
    })
  );
  const byRole = (role: ClauseRole) => std.clauses.find((c) => c.role === role)!;
  byRole('summary').blocks = [p(opts.summary ?? 'This Recommendation specifies requirements for face recognition systems.')];
  byRole('keywords').blocks = [p('biometrics, face recognition')];
  byRole('scope').blocks = [p('This Recommendation specifies functional requirements for face recognition systems.')];
  byRole('bibliography').blocks = [p('None.')];
  const definitions = byRole('definitions');
  if (opts.terms) definitions.children[1]!.blocks.push(...opts.terms);
  for (const [abbr, expansion] of opts.abbreviations ?? []) byRole('abbreviations').blocks.push({ type: 'abbreviation', abbr, expansion });
  for (const [tag, title] of opts.references ?? [])
    byRole('references').blocks.push({ type: 'reference', id: nextId('r'), tag, content: text(title) });
  const at = std.clauses.findIndex((c) => c.role === 'body');
  std.clauses.splice(at, 1, ...body, ...(opts.after ?? []));
  return std;
}
