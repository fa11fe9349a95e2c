// GET /api/schema/standard.json: the JSON Schema of the `Standard` model, exactly as it ships.

import type { RequestHandler } from './$types';
import schema from '../../../../../clauses/standard.schema.json?raw';
import { conditionalResponse } from '../../etag';

const bytes = new TextEncoder().encode(schema);

export const GET: RequestHandler = ({ request }) =>
  conditionalResponse(request, bytes, { 'content-type': 'application/schema+json; charset=utf-8' });
