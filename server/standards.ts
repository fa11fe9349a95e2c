// The standards service (server/services.ts contract): metadata rows and their collaborative
// documents, created together on the server so the editor never seeds content itself.

import * as Y from 'yjs';
import { completeMeta, skeletonStandard } from '../clauses/skeleton';
import { standardToYdoc } from '../clauses/convert';
import type { Standard } from '../clauses/model';
import { InputError, type StandardInput, type StandardSummary, type StandardsService } from './services';
import type { Storage } from './storage/types';
import type { Logger } from './log';

const FIELDS = ['title', 'designation', 'series', 'studyGroup'] as const;
const MAX_FIELD_LENGTH = 500;

export interface StandardsDeps {
  storage: Storage;
  log: Logger;
  /** Closes live connections to a deleted standard's document. */
  evict(id: string): void;
}

export function standardsService({ storage, log, evict }: StandardsDeps): StandardsService & {
  /** Stores a complete standard (e.g. the seeded example) as a new row and document in a group. */
  createFrom(std: Standard, groupId: string): Promise<StandardSummary>;
  /** Stores an imported standard under a new id, with metadata validated as on create. */
  importFrom(std: Standard, input: StandardInput): Promise<StandardSummary>;
} {
  const createFrom = async (std: Standard, groupId: string): Promise<StandardSummary> => {
    await existingGroup(groupId);
    const now = new Date().toISOString();
    const row: StandardSummary = {
      id: std.meta.id,
      title: std.meta.title,
      designation: std.meta.designation,
      series: std.meta.series,
      studyGroup: std.meta.studyGroup,
      groupId,
      createdAt: now,
      updatedAt: now
    };
    const ydoc = standardToYdoc(std);
    const state = Y.encodeStateAsUpdate(ydoc);
    ydoc.destroy();
    await storage.standards.create(row, state);
    log.info('standard.created', { id: row.id, title: row.title, groupId });
    return row;
  };

  const existingGroup = async (groupId: unknown): Promise<string> => {
    if (groupId === undefined || groupId === null || groupId === '') {
      throw new InputError('groupId is required: the id of the working group the standard belongs to.');
    }
    if (typeof groupId !== 'string') throw new InputError('groupId must be text.');
    if (!(await storage.groups.get(groupId))) throw new InputError(`No working group with id ${JSON.stringify(groupId)}.`, 404);
    return groupId;
  };

  const existing = async (id: unknown): Promise<StandardSummary> => {
    const row = typeof id === 'string' ? await storage.standards.get(id) : undefined;
    if (!row) throw new InputError(`There is no standard ${JSON.stringify(id)}.`, 404);
    return row;
  };

  return {
    list: () => storage.standards.list(),
    get: async (id) => (typeof id === 'string' ? storage.standards.get(id) : undefined),
    async create(input) {
      const fields = validate(input, true) as StandardInput;
      return createFrom(skeletonStandard(completeMeta(fields)), await existingGroup(input.groupId));
    },
    async update(id, patch) {
      const current = await existing(id);
      const moving = (patch as Record<string, unknown> | null)?.groupId;
      if (moving !== undefined && moving !== current.groupId) {
        throw new InputError('A standard cannot move to another working group.');
      }
      const fields = validate(patch, false);
      const row = await storage.standards.update(id, fields, new Date().toISOString());
      if (!row) throw new InputError(`There is no standard ${JSON.stringify(id)}.`, 404);
      log.info('standard.updated', { id, fields: Object.keys(fields) });
      return row;
    },
    async remove(id) {
      await existing(id);
      await storage.standards.delete(id);
      evict(id);
      log.info('standard.removed', { id });
    },
    async importFrom(std, input) {
      const fields = validate(input, true) as StandardInput;
      const groupId = await existingGroup(input.groupId);
      // A new id: an imported draft may carry the id of a standard that exists here already.
      return createFrom({ ...std, meta: completeMeta({ ...std.meta, ...fields, id: undefined }) }, groupId);
    },
    createFrom
  };
}

/** Checks user-supplied fields; `complete` requires every field (creation). */
function validate(input: unknown, complete: boolean): Partial<StandardInput> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InputError('Expected an object with title, designation, series and studyGroup.');
  }
  const record = input as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !(FIELDS as readonly string[]).includes(key) && key !== 'groupId');
  if (unknown.length) {
    throw new InputError(`Unknown field(s) ${unknown.join(', ')}: expected ${FIELDS.join(', ')}, groupId.`);
  }
  const out: Partial<StandardInput> = {};
  for (const field of FIELDS) {
    const value = record[field];
    if (value === undefined && !complete) continue;
    if (value === undefined && field !== 'title') {
      out[field] = '';
      continue;
    }
    if (typeof value !== 'string') throw new InputError(`${field} must be text.`);
    const text = value.trim();
    if (/[\u0000-\u001f\u007f]/.test(text)) throw new InputError(`${field} must be a single line of text.`);
    if (text.length > MAX_FIELD_LENGTH) {
      throw new InputError(`${field} is too long (${text.length} characters; at most ${MAX_FIELD_LENGTH}).`);
    }
    if (field === 'title' && text === '') throw new InputError('title must not be empty.');
    out[field] = text;
  }
  return out;
}
