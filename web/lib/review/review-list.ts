// What the review panel lists: threads grouped by their clause in document order (with the
// clause's current number and title), the detached ones — whose clause was deleted — last, and
// the filters by type, status and author.

import type { Clause, Standard } from '../../../clauses/model';
import type { Thread, ThreadPerson, ThreadStatus, ThreadType } from '../../../clauses/review';
import { inlineText } from '../../../clauses/text';

export interface ThreadFilter {
  type: ThreadType | 'all';
  status: ThreadStatus | 'all';
  /** An author's user id, or 'all'. */
  author: string;
}

export const NO_FILTER: ThreadFilter = { type: 'all', status: 'all', author: 'all' };

export interface ClauseInfo {
  /** Position in document order. */
  order: number;
  /** What the heading prints ("7.2", "Annex A", "" for unnumbered clauses). */
  heading: string;
  title: string;
}

export interface ThreadGroup {
  /** The clause's id; null for the group of threads whose clause was deleted. */
  clauseId: string | null;
  heading: string;
  title: string;
  threads: Thread[];
}

/** Every clause of the standard with its order, number and title. */
export function clauseIndex(std: Standard, headings: ReadonlyMap<string, string>): Map<string, ClauseInfo> {
  const index = new Map<string, ClauseInfo>();
  const walk = (clauses: Clause[]) => {
    for (const clause of clauses) {
      index.set(clause.id, { order: index.size, heading: headings.get(clause.id) ?? '', title: inlineText(clause.title).trim() });
      walk(clause.children);
    }
  };
  walk(std.clauses);
  return index;
}

export function matches(thread: Thread, filter: ThreadFilter): boolean {
  return (
    (filter.type === 'all' || thread.type === filter.type) &&
    (filter.status === 'all' || thread.status === filter.status) &&
    (filter.author === 'all' || thread.author.id === filter.author)
  );
}

const byCreation = (a: Thread, b: Thread) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** The filtered threads by clause, in document order; the detached group last. */
export function groupThreads(
  threads: readonly Thread[],
  filter: ThreadFilter,
  clauses: ReadonlyMap<string, ClauseInfo>
): ThreadGroup[] {
  const groups = new Map<string, ThreadGroup>();
  const detached: Thread[] = [];
  for (const thread of threads) {
    if (!matches(thread, filter)) continue;
    const clause = clauses.get(thread.anchor.clauseId);
    if (!clause) {
      detached.push(thread);
      continue;
    }
    let group = groups.get(thread.anchor.clauseId);
    if (!group) {
      group = { clauseId: thread.anchor.clauseId, heading: clause.heading, title: clause.title, threads: [] };
      groups.set(thread.anchor.clauseId, group);
    }
    group.threads.push(thread);
  }
  const ordered = [...groups.values()].sort((a, b) => clauses.get(a.clauseId!)!.order - clauses.get(b.clauseId!)!.order);
  for (const group of ordered) group.threads.sort(byCreation);
  if (detached.length) {
    ordered.push({ clauseId: null, heading: '', title: 'Detached (clause deleted)', threads: detached.sort(byCreation) });
  }
  return ordered;
}

/** The people who opened threads, by name. */
export function authorsOf(threads: readonly Thread[]): ThreadPerson[] {
  const seen = new Map<string, ThreadPerson>();
  for (const t of threads) if (!seen.has(t.author.id)) seen.set(t.author.id, t.author);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function openCount(threads: readonly Thread[]): number {
  return threads.reduce((n, t) => n + (t.status === 'open' ? 1 : 0), 0);
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
}
