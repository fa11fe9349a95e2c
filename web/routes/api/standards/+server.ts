// GET /api/standards: the standards the caller may read (those of their working groups; every
// standard for the administrator), for tools. Works with a read-only API token.

import type { RequestHandler } from './$types';
import { getServices } from '../../../../server/services';
import { requireActor } from '../../../lib/auth/access';
import { answer } from '../http';

export const GET: RequestHandler = ({ locals }) =>
  answer(async () => {
    const actor = requireActor(locals);
    const { standards, access } = getServices();
    const all = await standards.list();
    const roles = await Promise.all(all.map((s) => access.roleOn(actor, s.id)));
    const readable = all.filter((_, index) => roles[index] !== undefined);
    return Response.json({ standards: readable });
  });
