// The standard an endpoint works on, read through the services seam (never from server/ I/O
// modules directly: the web bundle and the server are separate module graphs).

import type { Standard } from '../../../clauses/model';
import { getServices, type DocumentService } from '../../../server/services';
import { ApiError } from './http';

export function documentService(): DocumentService {
  return getServices().document;
}

/** The current draft of standard `id`, or a 404 naming the id. */
export async function currentStandard(id: string): Promise<Standard> {
  const std = await documentService().read(id);
  if (!std) throw new ApiError(404, `No standard with id "${id}".`);
  return std;
}
