// GET /api/standards/:id: the current draft as the `Standard` model (see /api/schema/standard.json).

import type { RequestHandler } from './$types';
import { answer } from '../../http';
import { currentStandard } from '../../current';

export const GET: RequestHandler = ({ params }) =>
  answer(async () => Response.json(await currentStandard(params.id)));
