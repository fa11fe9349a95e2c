// The first start (a new database) seeds one example standard, created here on the server (never by the editor,
// which would duplicate content on every reload: hocuspocus#84, tiptap#4547).

import { exampleStandard } from '../clauses/example';
import type { Standard } from '../clauses/model';
import type { Logger } from './log';
import type { StandardSummary } from './services';
import type { Storage } from './storage/types';

export function seedIfEmpty(
  storage: Storage,
  createFrom: (std: Standard) => StandardSummary,
  log: Logger
): void {
  // Only on a new database: a group that deleted every standard does not get the example back.
  if (!storage.fresh || storage.standards.count() > 0) return;
  const created = createFrom(exampleStandard());
  log.info('standard.seeded', { id: created.id, title: created.title });
}
