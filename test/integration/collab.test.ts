// Two real HocuspocusProvider clients, each with its own Y.Doc, edit one standard on the real
// server at the same time and must converge; after a restart the stored content is identical.

import { describe, expect, it } from 'vitest';
import {
  connectClient,
  createStandardIn,
  documentJSON,
  paragraphTexts,
  startServerProcess,
  tempDataDir,
  typeInParagraph
} from '../helpers/server';
import { collabFixture } from '../helpers/collab-fixture';

const fx = collabFixture();
const connect = fx.connect;

function until(check: () => boolean, timeout = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const poll = () => {
      if (check()) return done();
      if (Date.now() - started > timeout) return fail(new Error('condition not met in time'));
      setTimeout(poll, 20);
    };
    poll();
  });
}

describe('live co-editing', () => {
  it('loads the skeleton the server created, not an empty document', async () => {
    const dataDir = tempDataDir();
    const { id } = await createStandardIn(dataDir, { title: 'Skeleton check' });
    fx.server = await startServerProcess({ dataDir });
    const client = await connect(id);
    const texts = paragraphTexts(client.doc);
    expect(texts.length).toBeGreaterThan(3);
    expect(texts.join('\n')).toMatch(/references/i);
  });

  it('two clients typing into different paragraphs at once converge, and a restart keeps it', async () => {
    const dataDir = tempDataDir();
    const { id } = await createStandardIn(dataDir);
    fx.server = await startServerProcess({ dataDir });
    const alice = await connect(id);
    const bob = await connect(id);

    for (let i = 0; i < 30; i++) {
      typeInParagraph(alice.doc, 0, 'a');
      typeInParagraph(bob.doc, 2, 'b');
      if (i % 5 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all([alice.whenSynced(), bob.whenSynced()]);
    await until(() => JSON.stringify(documentJSON(alice.doc)) === JSON.stringify(documentJSON(bob.doc)));

    const converged = documentJSON(alice.doc);
    const texts = paragraphTexts(alice.doc);
    expect(texts[0]).toContain('a'.repeat(30));
    expect(texts[2]).toContain('b'.repeat(30));

    fx.dropClients();
    await fx.server.stop();
    fx.server = await startServerProcess({ dataDir });
    const fresh = await connect(id);
    expect(documentJSON(fresh.doc)).toEqual(converged);
  });

  it('both clients typing into the same paragraph keep every character', async () => {
    const dataDir = tempDataDir();
    const { id } = await createStandardIn(dataDir);
    fx.server = await startServerProcess({ dataDir });
    const alice = await connect(id);
    const bob = await connect(id);
    const before = paragraphTexts(alice.doc)[1]!;
    for (let i = 0; i < 20; i++) {
      typeInParagraph(alice.doc, 1, 'x');
      typeInParagraph(bob.doc, 1, 'y');
    }
    await Promise.all([alice.whenSynced(), bob.whenSynced()]);
    await until(() => paragraphTexts(alice.doc)[1] === paragraphTexts(bob.doc)[1]);
    const after = paragraphTexts(bob.doc)[1]!;
    expect(after.length).toBe(before.length + 40);
    expect([...after].filter((c) => c === 'x').length - [...before].filter((c) => c === 'x').length).toBe(20);
    expect(documentJSON(alice.doc)).toEqual(documentJSON(bob.doc));
  });

  it('refuses a document name that is not a standard', async () => {
    fx.server = await startServerProcess();
    await expect(connectClient(fx.server.wsUrl, 'no-such-standard', { token: await fx.token() })).rejects.toThrow(
      /unknown-standard/
    );
  });
});
