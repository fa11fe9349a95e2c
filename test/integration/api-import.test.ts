// POST /api/standards/import against the real server: the real ITU-T F.921 draft becomes a
// standard with every clause numbered and titled as in the file; bad input gets a 4xx with a
// message and creates nothing; proposed policy tags are applied only when asked for.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupIn, ownerOf, startServerProcess, type ServerProcess, type TestAccount } from '../helpers/server';
import type { Clause, Standard } from '../../clauses/model';
import { numberStandard } from '../../clauses/numbering';
import { inlineText } from '../../clauses/text';

const HANDLER = fileURLToPath(new URL('../../build/handler.js', import.meta.url));
const F921 = fileURLToPath(new URL('../../../shared/samples/itu-t-f921-2018.pandoc.md', import.meta.url));
const F921_DOCX = fileURLToPath(new URL('../../../shared/samples/itu-t-f921-2018.docx', import.meta.url));

let server: ServerProcess;
/** The data directory's administrator: convenor of every group, so may import into any. */
let owner: TestAccount;
let groupId: string;

beforeAll(async () => {
  if (!existsSync(HANDLER)) {
    throw new Error('build/handler.js is missing: run `npx vite build` before the integration tests.');
  }
  server = await startServerProcess();
  owner = await ownerOf(server.dataDir);
  groupId = (await createGroupIn(server.dataDir, 'Import group')).id;
});

afterAll(async () => {
  await server?.stop();
});

/** Imports into the test's working group (`?group=` is required since issue 5), as the owner. */
function post(body: BodyInit, type = 'text/markdown; charset=utf-8', query = ''): Promise<Response> {
  const params = new URLSearchParams(query);
  params.set('group', groupId);
  return fetch(`${server.url}/api/standards/import?${params}`, {
    method: 'POST',
    headers: { ...owner.headers, 'content-type': type },
    body
  });
}

async function listIds(): Promise<string[]> {
  const res = await fetch(`${server.url}/api/standards`, { headers: owner.headers });
  return ((await res.json()) as { standards: { id: string }[] }).standards.map((s) => s.id);
}

async function fetchStandard(id: string): Promise<Standard> {
  const res = await fetch(`${server.url}/api/standards/${id}`, { headers: owner.headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Standard;
}

function flatten(clauses: Clause[]): Clause[] {
  return clauses.flatMap((c) => [c, ...flatten(c.children)]);
}

const clean = (s: string) => s.replace(/[\u200e\u200f]/g, '').replace(/\s+/g, ' ').trim();

/** The numbered headings of the Markdown file itself, e.g. ["9.2.8", "Alert to current location"]. */
function numberedHeadings(markdown: string): [string, string][] {
  return [...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)]
    .map((m) => clean(m[1]!))
    .map((h) => /^(\d+(?:\.\d+)*)\s+(.+)$/.exec(h))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1]!, m[2]!]);
}

describe('POST /api/standards/import', () => {
  it('imports ITU-T F.921 with every numbered clause at its number and title', async () => {
    const markdown = readFileSync(F921, 'utf8');
    const res = await post(markdown);
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as { id: string; warnings: unknown[]; proposals: unknown[] };
    expect(body.id).toBeTruthy();
    expect(res.headers.get('location')).toBe(`/api/standards/${body.id}`);
    expect(await listIds()).toContain(body.id);

    const std = await fetchStandard(body.id);
    const numbers = numberStandard(std).clause;
    const imported = new Map(flatten(std.clauses).map((c) => [numbers.get(c.id) ?? '', clean(inlineText(c.title))]));
    const expected = numberedHeadings(markdown);
    expect(expected.length).toBeGreaterThan(30);
    for (const [number, title] of expected) {
      expect(imported.get(number), `clause ${number}`).toBe(title);
    }
  });

  it('refuses a Word file, naming it, and creates nothing', async () => {
    const before = await listIds();
    const res = await post(new Uint8Array(readFileSync(F921_DOCX)), 'application/octet-stream');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/Word|ZIP/);
    expect(await listIds()).toEqual(before);
  });

  it('refuses empty, oversized, JSON, deeply nested and non-text bodies with 4xx messages', async () => {
    const before = await listIds();
    const cases: [BodyInit, string, number, RegExp][] = [
      ['', 'text/markdown', 400, /empty/i],
      ['# 1 Scope\n\n' + 'x'.repeat(5 * 1024 * 1024 + 10), 'text/markdown', 413, /5 MB/],
      [JSON.stringify({ meta: {}, clauses: [] }), 'text/markdown', 400, /JSON/],
      ['# 1 Scope\n\n' + '> '.repeat(5000) + 'deep', 'text/markdown', 400, /nest|deep/i],
      [new Uint8Array([0x23, 0x20, 0x00, 0x01, 0x02, 0xff, 0xfe]), 'text/markdown', 400, /binary|UTF-8/i],
      ['# 1 Scope', 'application/json', 415, /text\/markdown/]
    ];
    for (const [body, type, status, message] of cases) {
      const res = await post(body, type);
      expect(res.status, `${type} ${String(body).slice(0, 20)}`).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
    expect(await listIds()).toEqual(before);
  });

  it('proposes policy tags without applying them, and applies them when asked', async () => {
    const draft = [
      '# 1 Scope',
      '',
      'This Recommendation specifies a face recognition service.',
      '',
      '# 6 Matching',
      '',
      'The matching service is required to return a score between 0 and 1.',
      '',
      '# 7 Deployment',
      '',
      'Law enforcement agencies are recommended to use the service for the surveillance of public spaces only with a court order.',
      ''
    ].join('\n');
    // The draft has no title block: a tool names the standard in the query, or gets a 400 saying so.
    const untitled = await post(draft);
    expect(untitled.status).toBe(400);
    expect(((await untitled.json()) as { error: string }).error).toMatch(/title/);
    const named = '?title=Face%20recognition%20deployment';
    const proposed = await post(draft, 'text/markdown', named);
    expect(proposed.status).toBe(201);
    const first = (await proposed.json()) as { id: string; proposals: { clauseId: string }[] };
    expect(first.proposals.length).toBeGreaterThan(0);
    const untouched = flatten((await fetchStandard(first.id)).clauses);
    expect(untouched.filter((c) => c.kind === 'policy-recommendation')).toEqual([]);

    const applied = await post(draft, 'text/markdown', `${named}&apply=all`);
    expect(applied.status).toBe(201);
    const second = (await applied.json()) as { id: string; applied: string[] };
    const tagged = flatten((await fetchStandard(second.id)).clauses).filter((c) => c.kind === 'policy-recommendation');
    expect(tagged.map((c) => inlineText(c.title))).toContain('Deployment');

    const wrong = await post(draft, 'text/markdown', `${named}&apply=c-nonexistent`);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toContain('c-nonexistent');
  });
});
