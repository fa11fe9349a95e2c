// GET /api/standards: the standards on this server, for tools.

import type { RequestHandler } from './$types';
import { getServices } from '../../../../server/services';
import { answer } from '../http';

export const GET: RequestHandler = () =>
  answer(() => Response.json({ standards: getServices().standards.list() }));
