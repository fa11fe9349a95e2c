// The first start seeds one example standard, created here on the server (never by the editor,
// which would duplicate content on every reload: hocuspocus#84, tiptap#4547).

import type { Standard } from '../clauses/model';
import type { Logger } from './log';
import type { StandardSummary } from './services';
import type { Storage } from './storage/types';

export async function seedIfEmpty(
  storage: Storage,
  createFrom: (std: Standard) => StandardSummary,
  log: Logger
): Promise<void> {
  if (storage.standards.count() > 0) return;
  // TEMPORARY until clauses/example.ts lands (clauses-structure engineer): start without a seed.
  const example = await import('../clauses/example').catch((error: { code?: string }) => {
    if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    log.warn('standard.seed_skipped', { reason: 'clauses/example.ts is missing' });
    return undefined;
  });
  if (!example) return;
  const { exampleStandard } = example;
  const created = createFrom(exampleStandard());
  log.info('standard.seeded', { id: created.id, title: created.title });
}
