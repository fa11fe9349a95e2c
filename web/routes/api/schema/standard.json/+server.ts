// GET /api/schema/standard.json: the JSON Schema of the `Standard` model, exactly as it ships.

import type { RequestHandler } from './$types';
import { answer, ApiError } from '../../http';
import { conditionalResponse } from '../../etag';

// A glob rather than a plain import, so the app still builds while the schema file is being
// written; once it exists it is bundled like any import.
const found = import.meta.glob<string>('../../../../../clauses/standard.schema.json', {
  query: '?raw',
  import: 'default',
  eager: true
});
const schema = Object.values(found)[0];
const bytes = schema === undefined ? undefined : new TextEncoder().encode(schema);

export const GET: RequestHandler = ({ request }) =>
  answer(() => {
    if (!bytes) throw new ApiError(503, 'The Standard schema (clauses/standard.schema.json) is not in this build.');
    return conditionalResponse(request, bytes, { 'content-type': 'application/schema+json; charset=utf-8' });
  });
