// POST /api/standards/import — for tools: the body is a Markdown draft (Content-Type
// text/markdown; at most 5 MB). 201 with the new standard's id and what the importer noticed;
// 400/413/422 (too slow to read) or 429 (busy) with a message and nothing created on bad input. Policy tags the importer proposes are
// only applied when named in ?apply=all or ?apply=<clauseId>,<clauseId>. ?group=<id> names the
// working group the standard joins: one the caller convenes (403 otherwise). Needs a logged-in
// session: API tokens are read-only.

import type { RequestHandler } from './$types';
import { ApiError, answer } from '../../http';
import { checkSize } from '../../markdown-upload';
import { applyProposals, createStandard, importGroup, readDraftBytes, standardInput } from '../../import-draft';
import { requireActor } from '../../../../lib/auth/access';

const TEXT_TYPES = ['text/markdown', 'text/x-markdown', 'text/plain', 'application/octet-stream'];

export const POST: RequestHandler = ({ request, url, locals }) =>
  answer(async () => {
    // Before reading the body: a caller who may not import learns so without uploading 5 MB.
    const groupId = await importGroup(requireActor(locals), url.searchParams.get('group')?.trim() ?? '');
    const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type && !TEXT_TYPES.includes(type)) {
      throw new ApiError(415, `Send the draft as text/markdown, not ${type}.`);
    }
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (declared) checkSize(declared);
    const draft = await readDraftBytes(new Uint8Array(await request.arrayBuffer()));
    const apply = url.searchParams.get('apply');
    const proposed = draft.proposals.map((p) => p.clauseId);
    const chosen =
      apply === 'all' ? proposed : (apply ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = chosen.filter((id) => !proposed.includes(id));
    if (unknown.length) {
      throw new ApiError(400, `No policy proposal for clause ${unknown.join(', ')}; proposed: ${proposed.join(', ') || 'none'}.`);
    }
    const std = applyProposals(draft.standard, new Set(chosen));
    const overrides = Object.fromEntries(
      ['title', 'designation', 'series', 'studyGroup'].flatMap((k) => {
        const v = url.searchParams.get(k);
        return v ? [[k, v]] : [];
      })
    );
    const summary = await createStandard(std, standardInput(std, overrides), groupId);
    return Response.json(
      {
        id: summary.id,
        standard: summary,
        warnings: draft.warnings,
        proposals: draft.proposals,
        applied: chosen
      },
      { status: 201, headers: { location: `/api/standards/${summary.id}` } }
    );
  });
