// The editor page's review logic that needs no browser: who may do what from the page data, how
// threads are grouped and filtered for the panel, and which refusals block the page.

import { describe, expect, it } from 'vitest';
import type { Standard } from '../../clauses/model';
import type { Thread } from '../../clauses/review';
import { exampleStandard } from '../../clauses/example';
import { createAnalyser } from '../../clauses/analysis';
import { accessFromPageData, mayResolve, parseAccessNotice, readOnlyBadge, withRole } from '../../web/lib/review/access';
import { authorsOf, clauseIndex, groupThreads, NO_FILTER, openCount } from '../../web/lib/review/review-list';
import { blockedBy, reasonKind } from '../../web/lib/editor/connection';
import { colorFor, USER_COLORS } from '../../web/lib/editor/user';

const erin = { id: 'u-erin', name: 'Erin Editor' };
const rafael = { id: 'u-rafael', name: 'Rafael Reviewer' };

function thread(id: string, clauseId: string, extra: Partial<Thread> = {}): Thread {
  return {
    id,
    standardId: 's',
    anchor: { clauseId },
    type: 'technical',
    status: 'open',
    author: rafael,
    body: `comment ${id}`,
    proposedChange: '',
    createdAt: `2026-01-01T00:00:0${id.length}Z`,
    replies: [],
    ...extra
  };
}

describe('access from the page data', () => {
  it('reads the role and permissions, and treats a page without them as an anonymous editor', () => {
    const reviewer = accessFromPageData({ role: 'reviewer', user: rafael, canEdit: false, canComment: true, canResolve: false });
    expect(reviewer).toEqual({ role: 'reviewer', user: rafael, canEdit: false, canComment: true, canResolve: false });
    expect(readOnlyBadge(reviewer)).toBe('Reviewer — you can comment, not edit');
    expect(readOnlyBadge(accessFromPageData({ role: 'observer', user: rafael }))).toBe('Observer — you can read, not edit or comment');
    const before = accessFromPageData({ standard: {} });
    expect(before).toMatchObject({ role: 'editor', canEdit: true, canComment: true, canResolve: true });
    expect(before.user.name).toBe('Anonymous');
    expect(readOnlyBadge(before)).toBeNull();
  });

  it('lets the author of a thread resolve it without the resolve permission', () => {
    const reviewer = accessFromPageData({ role: 'reviewer', user: rafael });
    expect(mayResolve(reviewer, rafael.id)).toBe(true);
    expect(mayResolve(reviewer, erin.id)).toBe(false);
    expect(mayResolve(accessFromPageData({ role: 'observer', user: rafael }), rafael.id)).toBe(false);
  });

  it('follows a role change the server announces', () => {
    const notice = parseAccessNotice(JSON.stringify({ type: 'access', role: 'reviewer', readOnly: true }));
    expect(notice).toEqual({ role: 'reviewer', readOnly: true });
    expect(parseAccessNotice(JSON.stringify({ type: 'thread', thread: {} }))).toBeNull();
    expect(parseAccessNotice('not json')).toBeNull();
    const lowered = withRole(accessFromPageData({ role: 'editor', user: erin }), 'reviewer');
    expect(lowered).toMatchObject({ canEdit: false, canComment: true, canResolve: false, user: erin });
  });
});

describe('the review list', () => {
  const std: Standard = exampleStandard();
  const clauses = clauseIndex(std, createAnalyser()(std).numbering.heading);

  it('groups threads by clause in document order, with current numbers, detached ones last', () => {
    const threads = [thread('a', 'c-comparison'), thread('bb', 'c-gone'), thread('ccc', 'c-storage'), thread('dddd', 'c-storage')];
    const groups = groupThreads(threads, NO_FILTER, clauses);
    expect(groups.map((g) => [g.clauseId, g.heading, g.title, g.threads.map((t) => t.id)])).toEqual([
      ['c-storage', '7.2', 'Template storage', ['ccc', 'dddd']],
      ['c-comparison', '7.3', 'Comparison and thresholds', ['a']],
      [null, '', 'Detached (clause deleted)', ['bb']]
    ]);
  });

  it('filters by type, status and author', () => {
    const threads = [
      thread('a', 'c-storage'),
      thread('bb', 'c-storage', { type: 'editorial', author: erin }),
      thread('ccc', 'c-storage', { status: 'resolved' })
    ];
    const ids = (filter: Partial<typeof NO_FILTER>) =>
      groupThreads(threads, { ...NO_FILTER, ...filter }, clauses).flatMap((g) => g.threads.map((t) => t.id));
    expect(ids({ type: 'editorial' })).toEqual(['bb']);
    expect(ids({ status: 'resolved' })).toEqual(['ccc']);
    expect(ids({ author: rafael.id, status: 'open' })).toEqual(['a']);
    expect(authorsOf(threads).map((a) => a.name)).toEqual(['Erin Editor', 'Rafael Reviewer']);
    expect(openCount(threads)).toBe(2);
  });
});

describe('refusals that block the editor page', () => {
  it('recognises the server’s access reasons, bare or with a detail', () => {
    expect(reasonKind('access-revoked')).toBe('access-revoked');
    expect(reasonKind('update-too-large: the edit is 3 MB')).toBe('update-too-large');
    expect(blockedBy('access-revoked')?.kind).toBe('access-revoked');
    expect(blockedBy('session-expired')?.kind).toBe('session-ended');
    expect(blockedBy('forbidden: not a member of SG16')).toEqual({ kind: 'forbidden', message: 'not a member of SG16' });
    expect(blockedBy('unauthenticated')?.message).toMatch(/not signed in/);
    expect(blockedBy('standard-deleted: gone')).toBeNull();
    expect(blockedBy(undefined)).toBeNull();
  });
});

describe('user colours', () => {
  it('gives each account id one colour from the palette, always the same', () => {
    expect(colorFor('u-erin')).toBe(colorFor('u-erin'));
    expect(USER_COLORS).toContain(colorFor('u-rafael'));
    const spread = new Set(Array.from({ length: 50 }, (_, i) => colorFor(`user-${i}`)));
    expect(spread.size).toBeGreaterThan(5);
  });
});
