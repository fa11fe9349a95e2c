// The first start (a new database) seeds a working group with one example standard, created
// here on the server (never by the editor, which would duplicate content on every reload:
// hocuspocus#84, tiptap#4547). The group has no members: the first account to sign up becomes
// administrator, and so convenor of every group, this one included.

import { exampleStandard } from '../clauses/example';
import type { Standard } from '../clauses/model';
import type { Logger } from './log';
import type { StandardSummary } from './services';
import type { Storage } from './storage/types';

export const EXAMPLE_GROUP = { id: 'example', name: 'Example working group' } as const;

export async function seedIfEmpty(
  storage: Storage,
  createFrom: (std: Standard, groupId: string) => Promise<StandardSummary>,
  log: Logger
): Promise<void> {
  // Only on a new database: a group that deleted every standard does not get the example back.
  if (!storage.fresh || (await storage.standards.count()) > 0) return;
  if (!(await storage.groups.get(EXAMPLE_GROUP.id))) {
    await storage.groups.create({
      ...EXAMPLE_GROUP,
      description: 'A group to try Clausework in, holding an example standard.',
      createdAt: new Date().toISOString()
    }, null);
  }
  const created = await createFrom(exampleStandard(), EXAMPLE_GROUP.id);
  log.info('standard.seeded', { id: created.id, title: created.title, groupId: EXAMPLE_GROUP.id });
}
