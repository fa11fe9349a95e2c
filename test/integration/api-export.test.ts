// The HTTP export API against the real server (build/ from `vite build`, server/main.ts as a child
// process): every format downloads with its type and plausible content, the rule set's stable URL
// honours ETag/If-None-Match and changes when a collaborator edits, and mistakes get 4xx JSON.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { connectClient, ownerOf, startServerProcess, type ServerProcess, type TestAccount } from '../helpers/server';
import type { Standard } from '../../clauses/model';
import { findRequirements } from '../../clauses/requirements';
import { YDOC_FIELD } from '../../clauses/schema';
import { blockText, inlineText } from '../../clauses/text';

const HANDLER = fileURLToPath(new URL('../../build/handler.js', import.meta.url));

let server: ServerProcess;
let owner: TestAccount;
let id: string;
let standard: Standard;

/** A GET signed in as the data directory's administrator (the API needs a user since issue 5). */
async function get(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { ...init, headers: { ...owner.headers, ...(init.headers as Record<string, string>) } });
}

beforeAll(async () => {
  if (!existsSync(HANDLER)) {
    throw new Error('build/handler.js is missing: run `npx vite build` before the integration tests.');
  }
  server = await startServerProcess();
  owner = await ownerOf(server.dataDir);
  const list = await get('/api/standards');
  expect(list.status).toBe(200);
  const { standards } = (await list.json()) as { standards: { id: string }[] };
  expect(standards.length).toBeGreaterThan(0);
  id = standards[0]!.id;
  const res = await get(`/api/standards/${id}`);
  expect(res.status).toBe(200);
  standard = (await res.json()) as Standard;
});

afterAll(async () => {
  await server?.stop();
});

describe('GET /api/standards/:id', () => {
  it('serves the draft as a Standard that validates against the served schema', async () => {
    const schema = (await (await get('/api/schema/standard.json')).json()) as Record<string, unknown>;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const valid = ajv.validate(schema, standard);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(standard.meta.id).toBe(id);
    expect(standard.clauses.length).toBeGreaterThan(5);
  });
});

describe('GET /api/standards/:id/export/:format', () => {
  async function download(format: string, query = '') {
    const res = await get(`/api/standards/${id}/export/${format}${query}`);
    expect(res.status, `${format}: ${res.status}`).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.byteLength).toBeGreaterThan(200);
    return {
      type: res.headers.get('content-type') ?? '',
      disposition: res.headers.get('content-disposition') ?? '',
      bytes,
      text: new TextDecoder().decode(bytes)
    };
  }

  it('Markdown carries the numbered headings and the clause metadata; plain drops the metadata', async () => {
    const md = await download('md');
    expect(md.type).toMatch(/^text\/markdown/);
    expect(md.disposition).toMatch(/^attachment; filename="[^"]+\.md"$/);
    expect(md.text).toMatch(/^#+ 1 Scope$/m);
    expect(md.text).toContain(standard.meta.title);
    const someClauseId = standard.clauses[2]!.id;
    expect(md.text).toContain(someClauseId);

    const plain = await download('md-plain');
    expect(plain.type).toMatch(/^text\/markdown/);
    expect(plain.disposition).toMatch(/filename="[^"]+\.md"$/);
    expect(plain.text).toMatch(/^#+ 1 Scope$/m);
    expect(plain.text).not.toContain(someClauseId);
  });

  it('Word is a .docx package with the document part', async () => {
    const docx = await download('docx');
    expect(docx.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.disposition).toMatch(/filename="[^"]+\.docx"$/);
    // A ZIP local file header, and the part names are stored uncompressed in the archive.
    expect([...docx.bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(docx.text).toContain('word/document.xml');
  });

  it('HTML is one self-contained page with the title and no script', async () => {
    const html = await download('html');
    expect(html.type).toMatch(/^text\/html/);
    expect(html.disposition).toMatch(/filename="[^"]+\.html"$/);
    expect(html.text).toMatch(/<html[\s>]/i);
    expect(html.text).toContain('Scope');
    expect(html.text).not.toMatch(/<script/i);
  });

  it('the policy option changes the ITU-T rendition: omit leaves the policy clause text out', async () => {
    const policy = findPolicyClause(standard);
    expect(policy, 'the example has a policy-recommendation clause with text').toBeTruthy();
    // The opening words of the clause's first paragraph, as a reader would look for them.
    const words = policy!.text.split(/\s+/).slice(0, 6).join(' ');
    const labelled = await download('html', '?policy=labelled');
    const separate = await download('html', '?policy=separate');
    const omitted = await download('html', '?policy=omit');
    expect(labelled.text).toContain(words);
    expect(separate.text).toContain(words);
    expect(omitted.text).not.toContain(words);
    const td = await download('docx', '?policy=separate&form=td');
    expect([...td.bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
  });

  it('rules JSON validates against the served schema and holds every requirement', async () => {
    const rules = await download('rules');
    expect(rules.type).toMatch(/^application\/json/);
    expect(rules.disposition).toMatch(/filename="[^"]+\.rules\.json"$/);
    const schema = (await (await get('/api/schema/rules.json')).json()) as Record<string, unknown>;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const body = JSON.parse(rules.text) as { rules: { id: string }[] };
    expect(ajv.validate(schema, body), JSON.stringify(ajv.errors)).toBe(true);
    const ruleIds = new Set(body.rules.map((r) => r.id));
    const requirements = findRequirements(standard);
    expect(requirements.length).toBeGreaterThan(0);
    for (const req of requirements) expect(ruleIds).toContain(req.id);
  });

  it('Spectral and OSCAL are JSON in their own shapes', async () => {
    const spectral = await download('spectral');
    expect(spectral.type).toMatch(/^application\/json/);
    const ruleset = JSON.parse(spectral.text) as { rules: Record<string, { given: unknown; then: unknown }> };
    const entries = Object.values(ruleset.rules);
    expect(entries.length).toBeGreaterThan(0);
    for (const rule of entries) {
      expect(rule.given).toBeTruthy();
      expect(rule.then).toBeTruthy();
    }
    const oscal = await download('oscal');
    const catalog = (JSON.parse(oscal.text) as { catalog: { metadata: Record<string, unknown>; groups: unknown[] } })
      .catalog;
    expect(catalog.metadata['oscal-version']).toBe('1.2.1');
    expect(catalog.groups.length).toBeGreaterThan(0);
  });

  it('rejects an unknown format with 400 naming the accepted ones', async () => {
    const res = await get(`/api/standards/${id}/export/pdf`);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: string };
    expect(error).toContain('"pdf"');
    for (const format of ['md', 'md-plain', 'docx', 'html', 'rules', 'spectral', 'oscal']) {
      expect(error).toContain(format);
    }
  });

  it('rejects an unknown policy or form with 400 naming the accepted values', async () => {
    const res = await get(`/api/standards/${id}/export/docx?policy=hide`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/labelled, separate, omit/);
    const form = await get(`/api/standards/${id}/export/html?form=letter`);
    expect(form.status).toBe(400);
    expect(((await form.json()) as { error: string }).error).toMatch(/recommendation, td/);
  });

  it('fills the TD header from td-* parameters; study group and title default to the standard’s', async () => {
    const query = new URLSearchParams({
      form: 'td',
      'td-questions': 'Q5/16',
      'td-meeting': 'Geneva, 3-14 March 2027',
      'td-working-party': 'WP2/16',
      'td-source': 'Editors <& co>',
      'td-contact': 'A. Editor, editor@example.org'
    });
    const html = await download('html', `?${query}`);
    for (const text of ['Q5/16', 'Geneva, 3-14 March 2027', 'WP2/16', 'Editors &#x3C;&#x26; co', 'editor@example.org']) {
      expect(html.text).toContain(text);
    }
    expect(html.text).toContain(standard.meta.studyGroup);
    expect(html.text).toContain(standard.meta.title);

    const own = await download('html', `?form=td&td-study-group=SG17&td-title=${encodeURIComponent('A title of our own')}`);
    expect(own.text).toContain('SG17');
    expect(own.text).toContain('A title of our own');
    const docx = await download('docx', '?form=td&td-questions=Q5%2F16');
    expect([...docx.bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
  });

  it('rejects unknown parameters, TD fields without form=td and over-long values with 400', async () => {
    const unknown = await get(`/api/standards/${id}/export/html?form=td&td-room=B`);
    expect(unknown.status).toBe(400);
    const message = ((await unknown.json()) as { error: string }).error;
    expect(message).toContain('td-room');
    for (const name of ['policy', 'form', 'td-questions', 'td-meeting', 'td-study-group', 'td-working-party', 'td-source', 'td-title', 'td-contact']) {
      expect(message).toContain(name);
    }
    const noTd = await get(`/api/standards/${id}/export/html?td-questions=Q5%2F16`);
    expect(noTd.status).toBe(400);
    expect(((await noTd.json()) as { error: string }).error).toMatch(/td-questions.*form=td/);
    const long = await get(`/api/standards/${id}/export/docx?form=td&td-title=${'x'.repeat(501)}`);
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: string }).error).toMatch(/td-title.*501.*500/);
  });

  it('answers 404 JSON for a standard that does not exist', async () => {
    for (const path of ['/export/md', '/rules.json', '']) {
      const res = await get(`/api/standards/no-such-standard${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await res.json()) as { error: string }).error).toContain('no-such-standard');
    }
  });
});

describe('GET /api/standards/:id/rules.json', () => {
  it('has a strong ETag, is byte-identical while unchanged, and answers 304 to If-None-Match', async () => {
    const first = await get(`/api/standards/${id}/rules.json`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const body = await first.text();
    const second = await get(`/api/standards/${id}/rules.json`);
    expect(second.headers.get('etag')).toBe(etag);
    expect(await second.text()).toBe(body);

    const cached = await get(`/api/standards/${id}/rules.json`, { headers: { 'if-none-match': etag! } });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');
    const stale = await get(`/api/standards/${id}/rules.json`, { headers: { 'if-none-match': '"stale"' } });
    expect(stale.status).toBe(200);
  });

  it('changes when a collaborator adds a requirement, and the old ETag no longer matches', async () => {
    const before = await get(`/api/standards/${id}/rules.json`);
    const oldEtag = before.headers.get('etag')!;
    const sentence = 'The navigation service is required to publish its rule set at a stable address.';

    const client = await connectClient(server.wsUrl, id, { token: owner.token });
    try {
      const fragment = client.doc.getXmlFragment(YDOC_FIELD);
      const clause = fragment
        .toArray()
        .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.getAttribute('role') === 'scope');
      expect(clause, 'the example has a Scope clause').toBeTruthy();
      client.doc.transact(() => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.setAttribute('id', 'p-etagtest1');
        paragraph.insert(0, [new Y.XmlText(sentence)]);
        clause!.insert(1, [paragraph]);
      });
      await client.whenSynced();
    } finally {
      client.destroy();
    }

    const after = await get(`/api/standards/${id}/rules.json`, { headers: { 'if-none-match': oldEtag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(oldEtag);
    expect(await after.text()).toContain(sentence);
  });
});

describe('schemas', () => {
  it('serves the rule set schema (draft 2020-12) and the Standard schema', async () => {
    const rules = await get('/api/schema/rules.json');
    expect(rules.status).toBe(200);
    expect(rules.headers.get('content-type')).toMatch(/json/);
    const schema = (await rules.json()) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const std = await get('/api/schema/standard.json');
    expect(std.status).toBe(200);
    expect(((await std.json()) as Record<string, unknown>).$schema).toBeTruthy();
  });
});

function findPolicyClause(std: Standard): { title: string; text: string } | undefined {
  const stack = [...std.clauses];
  while (stack.length) {
    const clause = stack.shift()!;
    const first = clause.blocks.find((b) => b.type === 'paragraph');
    if (clause.kind === 'policy-recommendation' && first) {
      return { title: inlineText(clause.title), text: blockText(first) };
    }
    stack.push(...clause.children);
  }
  return undefined;
}
