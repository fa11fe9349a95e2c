// GET /api/standards/:id/rules.json: the rule set at a stable URL for tools that poll it, with a
// strong ETag so that an unchanged draft costs a 304 and no body.

import type { RequestHandler } from './$types';
import { answer } from '../../../http';
import { currentStandard } from '../../../current';
import { conditionalResponse } from '../../../etag';
import { rulesJson } from '../../../rules-bytes';

export const GET: RequestHandler = ({ params, request }) =>
  answer(async () => {
    const bytes = new TextEncoder().encode(rulesJson(await currentStandard(params.id)));
    return conditionalResponse(request, bytes, { 'content-type': 'application/json; charset=utf-8' });
  });
