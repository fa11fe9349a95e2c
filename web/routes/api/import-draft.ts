// A Markdown draft on its way to becoming a standard, shared by the upload page and the import
// endpoint: read it (refusing what is not Markdown), let the user choose which policy tags to
// apply, then create the standard through the services seam.

import type { Clause, Standard } from '../../../clauses/model';
import type { ImportWarning, PolicyProposal } from '../../../exporters/markdown/errors';
import { getServices, type Actor, type StandardInput, type StandardSummary } from '../../../server/services';
import { groupDenial } from '../../lib/auth/access';
import { documentService } from './current';
import { ApiError, isInputError } from './http';
import { decodeMarkdown } from './markdown-upload';

export interface DraftRead {
  standard: Standard;
  warnings: ImportWarning[];
  /** In the importer's order, which is the same for the same text: the page refers to them by index. */
  proposals: PolicyProposal[];
}

/**
 * The draft in `text`, or a 4xx naming why it cannot be imported. The server reads it in a worker
 * thread with a deadline (hostile Markdown can take the parser minutes); a 429 RateLimitError
 * (other drafts being read) passes through with its Retry-After.
 */
export async function readDraftText(text: string): Promise<DraftRead> {
  try {
    const { standard, warnings, proposals } = await documentService().parseMarkdown(text);
    return { standard, warnings, proposals };
  } catch (error) {
    if (isInputError(error) && error.name === 'InputError') throw new ApiError(error.status, capitalise(error.message));
    throw error;
  }
}

export function readDraftBytes(bytes: Uint8Array): Promise<DraftRead> {
  return readDraftText(decodeMarkdown(bytes));
}

function capitalise(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Tags the clauses the user accepted as policy recommendations; nothing else changes. */
export function applyProposals(std: Standard, clauseIds: ReadonlySet<string>): Standard {
  if (clauseIds.size === 0) return std;
  const retag = (clauses: Clause[]): Clause[] =>
    clauses.map((clause) => ({
      ...clause,
      kind: clauseIds.has(clause.id) ? 'policy-recommendation' : clause.kind,
      children: retag(clause.children)
    }));
  return { ...std, clauses: retag(std.clauses) };
}

/** The list-page fields, from the form where given, else from the draft's own title block. */
export function standardInput(std: Standard, overrides: Partial<StandardInput> = {}): StandardInput {
  const pick = (key: 'title' | 'designation' | 'series' | 'studyGroup') => overrides[key]?.trim() || std.meta[key] || '';
  const input = {
    title: pick('title'),
    designation: pick('designation'),
    series: pick('series'),
    studyGroup: pick('studyGroup')
  };
  if (!input.title) throw new ApiError(400, 'The draft has no title: give one for the new standard.');
  return input;
}

/**
 * The working group a draft is imported into: one the actor convenes (or any, for the
 * administrator). 400 when none is named, 404 for an unknown group, 403 otherwise.
 */
export async function importGroup(actor: Actor, groupId: string): Promise<string> {
  if (!groupId) {
    throw new ApiError(400, 'Name the working group to import into (the "group" parameter): one you convene.');
  }
  const denial = await groupDenial(getServices(), actor, groupId, 'manage');
  if (denial) throw new ApiError(denial.status, denial.message);
  return groupId;
}

/** Creates the standard in `groupId`; check the actor may with importGroup first. */
export function createStandard(std: Standard, input: StandardInput, groupId: string): Promise<StandardSummary> {
  const { groupId: _ignored, ...meta } = input;
  return documentService().importStandard({ ...std, meta: { ...std.meta, ...meta } }, { ...meta, groupId });
}
