// Hostile input through the real server (SQLite): Markdown imports built to hurt a parser, and
// hostile clause content typed through a real provider and then fetched through every export
// endpoint. Every answer comes in bounded time, is a 2xx or a 4xx naming the problem (never a 5xx),
// and is well-formed; hostile text stays text; meanwhile the server keeps serving another
// standard's export and a connected client's edits; nothing stored changes that should not.

import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes } from 'hast';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import type { Node as PMNode } from '@tiptap/pm/model';
import {
  connectClient,
  createGroupIn,
  createStandardIn,
  documentJSON,
  editDocument,
  ownerOf,
  paragraphTexts,
  removeTempDataDirs,
  startServerProcess,
  typeInParagraph,
  type Client,
  type ServerProcess,
  type TestAccount
} from '../helpers/server';
import { parseCsv } from '../helpers/csv';
import { clauseSchema } from '../../clauses/schema';
import type { Block, Clause, Standard } from '../../clauses/model';
import { blocksText, inlineText } from '../../clauses/text';
import { importMarkdown } from '../../exporters/markdown';
import { assertWellFormed, paragraphs, readZip } from '../unit/itu-docx-read';

const HANDLER = fileURLToPath(new URL('../../build/handler.js', import.meta.url));
const MIB = 1024 * 1024;
/** The longest any single answer may take, however hostile the input. */
const ANSWER_BOUND_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: ServerProcess;
let owner: TestAccount;
let groupId: string;
const clients: Client[] = [];

beforeAll(async () => {
  if (!existsSync(HANDLER)) throw new Error('build/handler.js is missing: run `npx vite build` before the integration tests.');
  server = await startServerProcess();
  owner = await ownerOf(server.dataDir);
  groupId = (await createGroupIn(server.dataDir, 'Hostile group')).id;
});

afterAll(async () => {
  clients.splice(0).forEach((client) => client.destroy());
  await server?.stop();
  removeTempDataDirs();
});

async function connect(id: string): Promise<Client> {
  const client = await connectClient(server.wsUrl, id, { token: owner.token });
  clients.push(client);
  return client;
}

/**
 * One request on a connection of its own (no keep-alive): a server that stood still for a second
 * (a big import) can close an idle pooled connection just as fetch reuses it, and that race is not
 * what these tests are about. Signed in as the owner.
 */
function call(method: 'GET' | 'POST', path: string, body?: string | Uint8Array, type?: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...owner.headers };
    if (body !== undefined) {
      headers['content-type'] = type ?? 'text/markdown; charset=utf-8';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request(`${server.url}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
        resolve(new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode, headers: responseHeaders }));
      });
      res.on('error', reject);
    });
    req.setTimeout(ANSWER_BOUND_MS * 2, () => req.destroy(new Error(`${method} ${path} got no answer in ${ANSWER_BOUND_MS * 2} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

const get = (path: string) => call('GET', path);
const postMarkdown = (path: string, body: string | Uint8Array) => call('POST', path, body);

async function listIds(): Promise<string[]> {
  const res = await get('/api/standards');
  expect(res.status).toBe(200);
  return ((await res.json()) as { standards: { id: string }[] }).standards.map((s) => s.id).sort();
}

async function until(condition: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeout) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** The stored rows of a document, read straight from the SQLite file (hex, so equality is byte equality). */
function storedRows(id: string): { snapshot: string | null; log: string[] } {
  const db = new Database(join(server.dataDir, 'clausework.sqlite'), { readonly: true });
  try {
    const snapshot = db.prepare('SELECT state FROM document_snapshots WHERE name = ?').pluck().get(id) as Buffer | undefined;
    const log = db.prepare('SELECT data FROM document_updates WHERE name = ? ORDER BY seq').pluck().all(id) as Buffer[];
    return { snapshot: snapshot?.toString('hex') ?? null, log: log.map((b) => b.toString('hex')) };
  } finally {
    db.close();
  }
}

function allClauses(clauses: Clause[]): Clause[] {
  return clauses.flatMap((c) => [c, ...allClauses(c.children)]);
}

/** Every text of a standard: titles and blocks, joined. */
function standardText(std: Standard): string {
  return allClauses(std.clauses)
    .map((c) => `${inlineText(c.title)}\n${blocksText(c.blocks as Block[])}`)
    .join('\n');
}

// ---- The server keeps serving meanwhile -------------------------------------------------------

interface Watch {
  /** One round: export the other standard, pass one edit between the two clients. Throws on failure. */
  round(): Promise<void>;
  stop(): Promise<{ rounds: number; failures: string[]; slowest: number }>;
}

/**
 * Until stopped, keeps exporting another standard and passing edits between two clients of a
 * third, recording anything that fails and the slowest round.
 */
async function keepServing(exported: string, edited: string): Promise<Watch> {
  const [a, b] = [await connect(edited), await connect(edited)];
  const failures: string[] = [];
  let rounds = 0;
  let slowest = 0;
  let running = true;
  const round = async () => {
    const res = await get(`/api/standards/${exported}/export/md`);
    if (res.status !== 200) throw new Error(`export of another standard answered ${res.status}`);
    const marker = ` [round ${rounds}]`;
    rounds += 1;
    typeInParagraph(a.doc, 0, marker);
    await a.whenSynced(ANSWER_BOUND_MS);
    await until(() => paragraphTexts(b.doc)[0]!.includes(marker), `edit${marker} at the other client`, ANSWER_BOUND_MS);
  };
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      await round().catch((error: unknown) => failures.push(String(error)));
      slowest = Math.max(slowest, Date.now() - started);
      await sleep(100);
    }
  })();
  return {
    round,
    async stop() {
      running = false;
      await loop;
      return { rounds, failures, slowest };
    }
  };
}

// ---- Hostile Markdown imports -----------------------------------------------------------------

interface ImportCase {
  name: string;
  body: string | Uint8Array;
  /** 'refused': a 4xx naming the problem; 'either': 201 with the text kept, or such a 4xx. */
  expect: 'refused' | 'either' | 'imported';
  /** What a refusal says. */
  message?: RegExp;
  /** Text the imported standard must keep. */
  keeps?: string[];
}

const scope = (body: string) => `# Hostile draft\n\n# 1 Scope\n\n${body}\n`;
const columns = (n: number, cell: (i: number) => string) => `| ${Array.from({ length: n }, (_, i) => cell(i)).join(' | ')} |`;
const CONTROL_TEXT = `ctl[${Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1))
  .filter((c) => c !== '\n' && c !== '\r')
  .join('')}]ctl`;
const BIDI = 'A \u202Eevil\u202C B \u202Dforced\u202C C \u202Bembed D \u2067isolate E \u200Fmark F \u202Eunclosed';

const IMPORT_CASES: ImportCase[] = [
  { name: '10,000 nested block quotes', body: scope(`${'> '.repeat(10_000)}deep`), expect: 'refused', message: /nest/i },
  { name: '10,000 nested bullet lists', body: scope(`${'- '.repeat(10_000)}deep`), expect: 'refused', message: /nest/i },
  { name: '10,000 nested ordered lists', body: scope(`${'1. '.repeat(10_000)}deep`), expect: 'refused', message: /nest/i },
  { name: 'quotes and lists alternating, 10,000 deep', body: scope(`${'> - '.repeat(5_000)}deep`), expect: 'refused', message: /nest/i },
  {
    name: '1,000 levels of indented lists',
    body: scope(Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')),
    expect: 'refused',
    message: /nest/i
  },
  { name: 'one 5 MB line (exactly the limit)', body: `# 1 Scope\n\n${'x'.repeat(5 * MIB - 12)}\n`, expect: 'either', keeps: ['x'.repeat(1000)] },
  { name: 'one line one byte over 5 MB', body: `# 1 Scope\n\n${'x'.repeat(5 * MIB - 11)}\n`, expect: 'refused', message: /5 MB/ },
  {
    name: 'ragged table rows',
    body: scope(['| a | b | c |', '|---|---|---|', '| 1 |', '| 1 | 2 | 3 | 4 | 5 |', '| only ragged cell', '|||'].join('\n')),
    expect: 'either',
    keeps: ['only ragged cell']
  },
  {
    name: 'a table of 10,000 columns',
    body: scope([columns(10_000, (i) => `h${i}`), columns(10_000, () => '---'), columns(10_000, (i) => `v${i}`)].join('\n')),
    expect: 'either',
    keeps: ['v9999']
  },
  {
    name: 'pipes inside code in a table, escaped pipes',
    body: scope(['| code | text |', '|---|---|', '| `a|b` | c \\| d |', '| `unclosed | e |'].join('\n')),
    expect: 'either',
    keeps: ['c | d']
  },
  {
    name: 'unclosed tables: no delimiter row, a delimiter without a header, an unclosed fence inside',
    body: scope(['| a | b |', '| c | d |', '', '|---|---|', '| e | f |', '', '| g | h |', '|---|---|', '| ```', '| i | j'].join('\n')),
    expect: 'either',
    keeps: ['i']
  },
  {
    name: 'a table of 5,000 rows',
    body: scope(['| a | b |', '|---|---|', ...Array.from({ length: 5_000 }, (_, i) => `| r${i} | <script>alert(${i})</script> |`)].join('\n')),
    expect: 'either',
    keeps: ['r4999', 'alert(4999)']
  },
  { name: 'a NUL byte', body: scope('text\u0000more'), expect: 'refused', message: /binary|NUL/ },
  { name: 'control bytes packed in a short text', body: scope(`Before ${CONTROL_TEXT} after.`), expect: 'refused', message: /control characters|binary/ },
  {
    name: 'control bytes sprinkled in long text',
    body: scope(`Before ${[...CONTROL_TEXT].join('lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ')} after.`),
    expect: 'either',
    keeps: ['Before ', ' after.']
  },
  { name: 'only control bytes', body: '\u0001\u0002\u0003\u0004'.repeat(1000), expect: 'refused', message: /binary/ },
  {
    name: 'a mix of bidirectional overrides in headings and text',
    body: `# Hostile \u202Edraft\n\n# 1 Scope \u202Eevil\n\n${BIDI}\n\n## 1.1 \u2067Nested\u202E title\n\nMore ${BIDI}\n`,
    expect: 'imported',
    keeps: [BIDI]
  }
];

describe('hostile Markdown imports', () => {
  it('answers each in bounded time with 2xx (text kept) or a 4xx naming the problem; the server keeps serving; nothing else changes', async () => {
    const other = await createStandardIn(server.dataDir, { groupId, title: 'Exported meanwhile' });
    const live = await createStandardIn(server.dataDir, { groupId, title: 'Edited meanwhile' });
    const otherExport = await (await get(`/api/standards/${other.id}/export/md`)).text();
    const before = await listIds();
    const watch = await keepServing(other.id, live.id);

    const imported: string[] = [];
    const outcomes: string[] = [];
    for (const c of IMPORT_CASES) {
      const started = Date.now();
      // Named in the query: the cases test the body, not whether it has a title block.
      const res = await postMarkdown(`/api/standards/import?group=${groupId}&title=${encodeURIComponent(`Import: ${c.name}`)}`, c.body);
      const took = Date.now() - started;
      const body = (await res.json()) as { id?: string; error?: string; warnings?: unknown[] };
      outcomes.push(`${c.name}: ${res.status} in ${took} ms${body.error ? ` (${body.error.slice(0, 80)})` : ''}`);
      expect(took, c.name).toBeLessThan(ANSWER_BOUND_MS);
      expect(res.status, `${c.name}: ${body.error ?? ''}`).toBeLessThan(500);
      if (res.status >= 400) {
        expect(c.expect, `${c.name} was refused: ${body.error}`).not.toBe('imported');
        expect(res.status).toBeLessThan(500);
        expect(body.error, c.name).toMatch(c.message ?? /\w/);
        continue;
      }
      expect(c.expect, `${c.name} was imported`).not.toBe('refused');
      expect(res.status).toBe(201);
      imported.push(body.id!);
      const std = (await (await get(`/api/standards/${body.id}`)).json()) as Standard;
      const text = standardText(std);
      for (const kept of c.keeps ?? []) expect(text, `${c.name} keeps ${kept.slice(0, 40)}`).toContain(kept);
    }
    const served = await watch.stop();
    console.info(`hostile imports:\n  ${outcomes.join('\n  ')}\n  meanwhile: ${served.rounds} rounds, slowest ${served.slowest} ms`);

    expect(served.failures).toEqual([]);
    expect(served.rounds).toBeGreaterThanOrEqual(2);
    // Served throughout, though not promptly: the import parses on the server's only thread, so a
    // big table stalls everyone for seconds (see the pathological case below).
    expect(served.slowest).toBeLessThan(ANSWER_BOUND_MS);
    await watch.round(); // and after
    expect(await listIds()).toEqual([...before, ...imported].sort());
    expect(await (await get(`/api/standards/${other.id}/export/md`)).text()).toBe(otherExport);
    expect((await get('/healthz')).status).toBe(200);
    expect(server.logs()).not.toMatch(/"level":"error"/);
  }, 600_000);
});

/** Polls /healthz until stopped; resolves with the longest wait for an answer. */
function pollHealth(): { stop(): Promise<number> } {
  let running = true;
  let slowest = 0;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      await get('/healthz').catch(() => undefined);
      slowest = Math.max(slowest, Date.now() - started);
      await sleep(100);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return slowest;
    }
  };
}

describe('pathological inline Markdown', () => {
  // remark/micromark take seconds to minutes on some inputs well under 5 MB: 200 kB of "`<a "
  // takes ~10 s (quadratic: 5 MB would take hours), 5 MB of "[" or of "*a _b " minutes. The server
  // reads drafts in a worker thread with a deadline (IMPORT_TIMEOUT_MS), so meanwhile every
  // document, every page and /healthz keep answering, and a draft past the deadline gets a 422.
  it('keeps answering other requests while such a draft is imported', async () => {
    const health = pollHealth();
    const res = await postMarkdown(`/api/standards/import?group=${groupId}&title=Pathological`, `# 1 Scope\n\n${'`<a '.repeat(50 * 1024)}\n`);
    const slowest = await health.stop();
    console.info(`pathological inline import: ${res.status}; /healthz waited up to ${slowest} ms meanwhile`);
    expect(res.status).toBeLessThan(500);
    expect(slowest).toBeLessThan(2000);
  }, 180_000);
});

// ---- Hostile clause content through every exporter ----------------------------------------------

const SCRIPT = '<script>alert("x")</script>';
const TEXTAREA = '</textarea><img src=x onerror=alert(1)>';
const XML_SPECIALS = `]]><!-- --> &amp; & < > " ' </w:t><w:p/> <?xml x?>`;
const RLO = 'evil\u202Egnp.exe\u202C end \u202Eunclosed';
/** U+0000 to U+001F, between markers. */
const CONTROLS = `ctl[${Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')}]ctl`;
const LONG_WORD = 'Hostile'.repeat(15_000); // 105 kB, no break opportunity
/** Deep, but within what the Markdown importer takes back (100 tree levels: two per list level). */
const LIST_DEPTH = 45;
const TABLE = { rows: 150, columns: 40 };
const REQUIREMENT = `The system shall show ${SCRIPT} and ${XML_SPECIALS} as text.`;
const VISIBLE_STRINGS = [SCRIPT, TEXTAREA, XML_SPECIALS, RLO, REQUIREMENT];

/** The hostile clause, built with the real schema (so it is what an editor could produce). */
function hostileClause(): PMNode {
  const schema = clauseSchema();
  const text = (t: string) => ({ type: 'text', text: t });
  const paragraph = (t: string, id?: string) => ({ type: 'paragraph', attrs: id ? { id } : {}, content: [text(t)] });
  let list: Record<string, unknown> = { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(`level ${LIST_DEPTH} ${SCRIPT}`)] }] };
  for (let level = LIST_DEPTH - 1; level >= 1; level -= 1) {
    list = { type: level % 2 ? 'orderedList' : 'bulletList', content: [{ type: 'listItem', content: [paragraph(`level ${level}`), list] }] };
  }
  const cell = (r: number, c: number) => ({
    type: r === 0 ? 'tableHeader' : 'tableCell',
    content: [paragraph(r === 7 && c === 3 ? `${TEXTAREA} ${XML_SPECIALS}` : `r${r}c${c}`)]
  });
  const table = {
    type: 'table',
    content: Array.from({ length: TABLE.rows }, (_, r) => ({ type: 'tableRow', content: Array.from({ length: TABLE.columns }, (_, c) => cell(r, c)) }))
  };
  return schema.nodeFromJSON({
    type: 'clause',
    attrs: { id: 'c-hostile', role: 'body' },
    content: [
      { type: 'clauseTitle', content: [text(`Hostile ${SCRIPT} ${RLO}`)] },
      paragraph(SCRIPT, 'p-script'),
      paragraph(TEXTAREA, 'p-textarea'),
      paragraph(XML_SPECIALS, 'p-xml'),
      paragraph(RLO, 'p-rlo'),
      paragraph(CONTROLS, 'p-controls'),
      paragraph(LONG_WORD, 'p-long'),
      paragraph(REQUIREMENT, 'p-requirement'),
      { type: 'codeBlock', attrs: { id: 'k-hostile', language: `"><script>alert(3)</script>` }, content: [text(`${SCRIPT}\n${XML_SPECIALS}`)] },
      { type: 'note', attrs: { id: 'n-hostile' }, content: [paragraph(`Note ${TEXTAREA}`)] },
      list,
      { type: 'tableFigure', attrs: { id: 't-hostile' }, content: [{ type: 'caption', content: [text(`Table ${SCRIPT}`)] }, table] },
      {
        type: 'figure',
        attrs: { id: 'f-hostile', src: 'javascript:alert(4)', alt: `"><script>alert(5)</script>` },
        content: [{ type: 'caption', content: [text(`Figure ${TEXTAREA}`)] }]
      }
    ]
  });
}

/** A thread's body as the review messages carry it (at most 10,000 characters). */
// Comments refuse U+0000 by name (PostgreSQL text cannot hold it); every other control goes in.
const COMMENT_CONTROLS = CONTROLS.replace('\u0000', '');
const COMMENT = `Comment ${SCRIPT} ${TEXTAREA} ${XML_SPECIALS} ${RLO} ${COMMENT_CONTROLS}`;

async function openThread(client: Client, clauseId: string, body: string): Promise<string> {
  const requestId = `req-${Date.now()}`;
  let answer: { type: string; threadId?: string; message?: string } | undefined;
  client.provider.on('stateless', ({ payload }: { payload: string }) => {
    const message = JSON.parse(payload) as { requestId?: string; type: string };
    if (message.requestId === requestId) answer = message;
  });
  client.provider.sendStateless(JSON.stringify({ type: 'thread.create', requestId, thread: { anchor: { clauseId, quote: SCRIPT }, type: 'technical', body, proposedChange: TEXTAREA } }));
  await until(() => answer !== undefined, 'the answer to thread.create');
  expect(answer, answer?.message).toMatchObject({ type: 'done' });
  return answer!.threadId!;
}

/** C0 controls as the ITU exporters print them (Control Pictures), tabs and line breaks as such. */
const visible = (text: string) =>
  text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)))
    .replace(/\r\n?/g, '\n');
const withoutIsolates = (text: string) => text.replace(/[\u2066-\u2069]/g, '');

function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && node.tagName === 'br') return '\n';
  return 'children' in node ? node.children.map((c) => textOf(c as Nodes)).join('') : '';
}

function elementsOf(node: Nodes): Element[] {
  const out: Element[] = [];
  const walk = (n: Nodes) => {
    if (n.type === 'element') out.push(n);
    if ('children' in n) n.children.forEach((c) => walk(c as Nodes));
  };
  walk(node);
  return out;
}

/** Nothing in an HTML page that could run: no script-like elements, handlers or javascript: URLs. */
function expectNothingExecutable(html: string, what: string, allowed: string[] = []): Nodes {
  const tree = fromHtml(html);
  const elements = elementsOf(tree);
  const forbidden = ['script', 'iframe', 'object', 'embed', 'textarea', 'img'].filter((tag) => !allowed.includes(tag));
  expect(elements.filter((e) => forbidden.includes(e.tagName)).map((e) => e.tagName), what).toEqual([]);
  for (const element of elements) {
    for (const [name, value] of Object.entries(element.properties)) {
      expect(name.toLowerCase().startsWith('on'), `${what}: ${element.tagName} ${name}`).toBe(false);
      expect(String(value), `${what}: ${element.tagName} ${name}`).not.toMatch(/^\s*(javascript|vbscript|data):/i);
    }
  }
  return tree;
}


function expectDocxWellFormed(bytes: Uint8Array, what: string): Map<string, string> {
  const files = readZip(bytes);
  expect(files.has('word/document.xml'), what).toBe(true);
  for (const [name, xml] of files) {
    if (name.endsWith('.xml') || name.endsWith('.rels')) assertWellFormed(`${what} ${name}`, xml);
  }
  return files;
}

describe('hostile clause content through every exporter', () => {
  let hostileId = '';

  it('exports it well-formed and inert, keeps the text, and leaves the stored document unchanged', async () => {
    const std = await createStandardIn(server.dataDir, { groupId, title: `Hostile ${SCRIPT} & "title"`, designation: 'ITU-T X.<b>&' });
    hostileId = std.id;
    const writer = await connect(std.id);
    editDocument(writer.doc, (tr) => tr.insert(tr.doc.content.size, hostileClause()));
    await writer.whenSynced(30_000);
    const threadId = await openThread(writer, 'c-hostile', COMMENT);
    const typed = documentJSON(writer.doc);
    const rowsBefore = storedRows(std.id);

    const answers = new Map<string, { type: string; bytes: Uint8Array; text: string }>();
    const paths = {
      standard: `/api/standards/${std.id}`,
      md: `/api/standards/${std.id}/export/md`,
      'md-plain': `/api/standards/${std.id}/export/md-plain`,
      html: `/api/standards/${std.id}/export/html`,
      'html-td': `/api/standards/${std.id}/export/html?form=td&td-source=${encodeURIComponent(SCRIPT)}`,
      docx: `/api/standards/${std.id}/export/docx`,
      'docx-td': `/api/standards/${std.id}/export/docx?form=td&td-contact=${encodeURIComponent(XML_SPECIALS)}`,
      rules: `/api/standards/${std.id}/export/rules`,
      spectral: `/api/standards/${std.id}/export/spectral`,
      oscal: `/api/standards/${std.id}/export/oscal`,
      'rules.json': `/api/standards/${std.id}/rules.json`,
      'comments-csv': `/api/standards/${std.id}/comments/csv`,
      'comments-docx': `/api/standards/${std.id}/comments/docx`
    };
    for (const [name, path] of Object.entries(paths)) {
      const started = Date.now();
      const res = await get(path);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(res.status, `${name}: ${new TextDecoder().decode(bytes.slice(0, 300))}`).toBe(200);
      expect(Date.now() - started, name).toBeLessThan(ANSWER_BOUND_MS);
      answers.set(name, { type: res.headers.get('content-type') ?? '', bytes, text: new TextDecoder().decode(bytes) });
    }
    const answer = (name: keyof typeof paths) => answers.get(name)!;

    // The standard as JSON: every hostile string exactly as typed, controls included.
    const standard = JSON.parse(answer('standard').text) as Standard;
    const hostile = allClauses(standard.clauses).find((c) => c.id === 'c-hostile')!;
    const stdText = standardText(standard);
    for (const s of [...VISIBLE_STRINGS, CONTROLS, LONG_WORD]) expect(stdText, s.slice(0, 30)).toContain(s);
    expect(inlineText(hostile.title)).toBe(`Hostile ${SCRIPT} ${RLO}`);

    // JSON exports parse; the requirement's text is carried as it is (Spectral holds only
    // automated checks, of which there are none here, and names the standard).
    const asJson = (s: string) => JSON.stringify(s).slice(1, -1);
    for (const name of ['rules', 'rules.json', 'spectral'] as const) {
      const parsed = JSON.stringify(JSON.parse(answer(name).text) as unknown);
      expect(parsed, name).toContain(name === 'spectral' ? asJson(`Hostile ${SCRIPT} & "title"`) : asJson(REQUIREMENT));
    }
    // OSCAL prose is markup-multiline (Markdown): the statement, unescaped, is the requirement.
    const oscal = JSON.parse(answer('oscal').text) as { catalog: { groups: { controls: { parts: { prose: string }[] }[] }[] } };
    const prose = oscal.catalog.groups.flatMap((g) => g.controls.flatMap((c) => c.parts.map((p) => p.prose)));
    expect(prose.map((p) => p.replace(/\\([!-/:-@[-`{-~])/g, '$1'))).toContain(REQUIREMENT);

    // Markdown: re-imports to the same text, and renders (CommonMark + GFM) without executable HTML.
    for (const name of ['md', 'md-plain'] as const) {
      const md = answer(name).text;
      // The export writes U+0000 as is, which the importer refuses as binary (see the it.fails below).
      const reread = standardText(importMarkdown(md.replaceAll('\u0000', '\uFFFD')).standard);
      for (const s of VISIBLE_STRINGS) expect(reread, `${name} keeps ${s.slice(0, 30)}`).toContain(s);
      expect(reread, `${name} keeps the long word`).toContain(LONG_WORD);
      expect(reread, `${name} keeps the deepest list item`).toContain(`level ${LIST_DEPTH} ${SCRIPT}`);
      // A figure is an image in Markdown; its javascript: source must not survive rendering.
      const rendered = expectNothingExecutable(micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()] }), `${name} rendered`, ['img']);
      const shown = textOf(rendered);
      for (const s of [SCRIPT, TEXTAREA, RLO]) expect(shown, `${name} shows ${s.slice(0, 30)}`).toContain(s);
    }

    // HTML: inert, and the hostile strings are its text (controls shown as Control Pictures).
    for (const name of ['html', 'html-td'] as const) {
      const shown = withoutIsolates(textOf(expectNothingExecutable(answer(name).text, name)));
      // A tab is a spaced span in the page.
      for (const s of [...VISIBLE_STRINGS, CONTROLS, LONG_WORD]) expect(shown, `${name} shows ${s.slice(0, 30)}`).toContain(visible(s).replace(/\t/g, ' '));
      expect(shown).toContain('r149c39');
    }

    // Word: every XML part well-formed; the hostile strings are paragraph text.
    for (const name of ['docx', 'docx-td'] as const) {
      const files = expectDocxWellFormed(answer(name).bytes, name);
      const texts = paragraphs(files.get('word/document.xml')!).map(withoutIsolates).join('\n');
      for (const s of [...VISIBLE_STRINGS, CONTROLS, LONG_WORD]) expect(texts, `${name} shows ${s.slice(0, 30)}`).toContain(visible(s));
    }

    // Comments: the CSV carries the comment, the Word table too.
    const records = parseCsv(answer('comments-csv').text.replace(/^\uFEFF/, ''));
    expect(records).toHaveLength(2);
    expect(records[1]).toContain(COMMENT);
    expect(records[1]).toContain(TEXTAREA);
    const commentFiles = expectDocxWellFormed(answer('comments-docx').bytes, 'comments-docx');
    const commentTexts = paragraphs(commentFiles.get('word/document.xml')!).map(withoutIsolates).join('\n');
    for (const s of [SCRIPT, TEXTAREA, XML_SPECIALS, RLO, COMMENT_CONTROLS]) expect(commentTexts, `comments-docx shows ${s.slice(0, 30)}`).toContain(visible(s));
    expect(threadId).toBeTruthy();

    // Exporting changed nothing stored, and the document reads back as typed.
    expect(storedRows(std.id)).toEqual(rowsBefore);
    const reader = await connect(std.id);
    expect(documentJSON(reader.doc)).toEqual(typed);
    expect(server.logs()).not.toMatch(/"level":"error"/);
  }, 180_000);

  // BUG (reported): the Markdown export writes C0 controls as they are, U+0000 included, and the
  // importer refuses any NUL as binary: a draft whose text holds one (a client can type or paste
  // it) exports to Markdown that Clausework cannot import back.
  it.fails('exports text holding U+0000 as Markdown that imports back', async () => {
    expect(hostileId).not.toBe('');
    const md = await (await get(`/api/standards/${hostileId}/export/md`)).text();
    expect(() => importMarkdown(md)).not.toThrow();
  });
});
