// Two people edit the same standard live in real Chromium against the real server: both see the
// same text, each other's caret and name, who is present; undo takes back only one's own edits;
// edits made while the server is down are kept and arrive once it is back. Alice is the
// administrator (so may create the standard); Bob and Carol are editors of its working group.

import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addMemberIn, createAccountIn, startServerProcess, type ServerProcess, type TestAccount } from '../helpers/server';
import { ARTIFACTS, artifactPath, launchBrowser, openAs, requireBuild, type UserPage } from './helpers/browser';
import { clickIntoClause, createStandardThroughUi, documentText, eventually, openEditor } from './helpers/editor-page';

/** The working group a standard belongs to, as the API lists it to `account`. */
async function groupOf(server: ServerProcess, account: TestAccount, standardId: string): Promise<string> {
  const res = await fetch(`${server.url}/api/standards`, { headers: account.headers });
  const { standards } = (await res.json()) as { standards: { id: string; groupId: string }[] };
  const found = standards.find((s) => s.id === standardId);
  if (!found) throw new Error(`standard ${standardId} is not listed`);
  return found.groupId;
}

describe('live co-editing in the browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let alice: UserPage & { errors: string[] };
  let bob: UserPage & { errors: string[] };
  let standardId: string;
  let carolAccount: TestAccount;

  beforeAll(async () => {
    requireBuild();
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerProcess();
    // The first account is the administrator, convenor of every group.
    const aliceAccount = await createAccountIn(server.dataDir, { name: 'Alice Martin' });
    const bobAccount = await createAccountIn(server.dataDir, { name: 'Bob Okafor' });
    carolAccount = await createAccountIn(server.dataDir, { name: 'Carol Diaz' });
    browser = await launchBrowser();
    alice = await openAs(browser, aliceAccount, { url: server.url });
    bob = await openAs(browser, bobAccount, { url: server.url });
    standardId = await createStandardThroughUi(alice.page, server.url, {
      title: 'Requirements for face recognition systems',
      designation: 'ITU-T F.FRS',
      series: 'SERIES F: NON-TELEPHONE TELECOMMUNICATION SERVICES',
      studyGroup: 'SG16'
    });
    const groupId = await groupOf(server, aliceAccount, standardId);
    for (const account of [bobAccount, carolAccount]) await addMemberIn(server.dataDir, groupId, account.user.id, 'editor');
    await openEditor(bob.page, server.url, standardId);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill();
  });

  it('types into different paragraphs at once and both browsers end with the same text', async () => {
    await clickIntoClause(alice.page, 'summary');
    await clickIntoClause(bob.page, 'scope');
    const aliceText = 'This Recommendation specifies requirements for face recognition systems.';
    const bobText = 'It applies to systems that compare a probe image with enrolled templates.';
    await Promise.all([
      alice.page.keyboard.type(aliceText, { delay: 15 }),
      bob.page.keyboard.type(bobText, { delay: 15 })
    ]);

    const both = (text: string) => text.includes(aliceText) && text.includes(bobText);
    // Converged: both editors show both edits and exactly the same text.
    const [seenByAlice, seenByBob] = await eventually(
      () => Promise.all([documentText(alice.page), documentText(bob.page)]),
      ([a, b]) => both(a) && a === b,
      'both edits, identical in both editors'
    );
    expect(seenByBob).toBe(seenByAlice);
    // Each edit landed in the clause its author typed into.
    await expect(alice.page.locator('.ProseMirror > section[data-role="summary"]').textContent()).resolves.toContain(aliceText);
    await expect(alice.page.locator('.ProseMirror > section[data-role="scope"]').textContent()).resolves.toContain(bobText);
  });

  it("shows each person the other's caret with their name, and who is present", async () => {
    await alice.page.locator('.collaboration-carets__label', { hasText: 'Bob Okafor' }).waitFor({ timeout: 10_000 });
    await bob.page.locator('.collaboration-carets__label', { hasText: 'Alice Martin' }).waitFor({ timeout: 10_000 });
    for (const { page } of [alice, bob]) {
      await page.locator('.presence [data-user-name="Alice Martin"]').waitFor();
      await page.locator('.presence [data-user-name="Bob Okafor"]').waitFor();
      await expect(page.locator('.connection').getAttribute('data-status')).resolves.toBe('connected');
    }
    await alice.page.screenshot({ path: artifactPath('collab-two-users-alice.png') });
    await bob.page.screenshot({ path: artifactPath('collab-two-users-bob.png') });
  });

  it("undoes only the local user's own edits", async () => {
    const before = await documentText(bob.page);
    await bob.page.keyboard.type(' Bob adds a sentence.', { delay: 10 });
    await eventually(() => documentText(alice.page), (t) => t.includes('Bob adds a sentence.'), 'Bob\'s sentence at Alice');
    await alice.page.keyboard.type(' Alice adds one too.', { delay: 10 });
    await eventually(() => documentText(bob.page), (t) => t.includes('Alice adds one too.'), 'Alice\'s sentence at Bob');

    // Yjs groups edits typed within 500 ms; Bob's last group is his sentence.
    await bob.page.keyboard.press('Control+z');
    const afterUndo = await eventually(
      () => documentText(alice.page),
      (t) => !t.includes('Bob adds a sentence.'),
      "Bob's undo at Alice"
    );
    expect(afterUndo).toContain('Alice adds one too.');
    expect(afterUndo).toContain('It applies to systems that compare a probe image');
    expect(before).not.toContain('Alice adds one too.');

    await bob.page.keyboard.press('Control+Shift+z');
    await eventually(() => documentText(alice.page), (t) => t.includes('Bob adds a sentence.'), "Bob's redo at Alice");
  });

  it('keeps edits made while the server is down and sends them when it is back', async () => {
    const port = server.port;
    const dataDir = server.dataDir;
    await server.kill('SIGKILL');
    await alice.page.waitForSelector('.connection[data-status="reconnecting"]', { timeout: 15_000 });

    const offlineText = ' Written while the server was down.';
    await alice.page.keyboard.type(offlineText, { delay: 10 });
    const pending = alice.page.locator('.connection .unsynced');
    await pending.waitFor({ timeout: 5_000 });
    expect(Number(await pending.getAttribute('data-unsynced'))).toBeGreaterThan(0);

    server = await startServerProcess({ dataDir, env: { PORT: String(port) } });
    await alice.page.waitForSelector('.connection[data-status="connected"]', { timeout: 45_000 });
    await alice.page.locator('.connection .unsynced').waitFor({ state: 'detached', timeout: 15_000 });
    await eventually(() => documentText(bob.page), (t) => t.includes(offlineText.trim()), 'the offline edit at Bob', 45_000);

    // A newcomer loads it from the server's storage, not from another browser.
    const carol = await openAs(browser, carolAccount, { url: server.url });
    await openEditor(carol.page, server.url, standardId);
    await expect(documentText(carol.page)).resolves.toContain(offlineText.trim());
    await carol.context.close();
  });

  it('shows "Offline" while the browser is offline and sends the edits made meanwhile', async () => {
    await alice.context.setOffline(true);
    await alice.page.waitForSelector('.connection[data-status="offline"]', { timeout: 10_000 });
    const text = ' Drafted on a train.';
    await alice.page.keyboard.type(text, { delay: 10 });
    await expect(documentText(alice.page)).resolves.toContain(text.trim());
    await alice.context.setOffline(false);
    await alice.page.waitForSelector('.connection[data-status="connected"]', { timeout: 45_000 });
    await eventually(() => documentText(bob.page), (t) => t.includes(text.trim()), 'the offline edit at Bob', 45_000);
  });

  it('tells an open editor when its standard is deleted', async () => {
    const admin = await alice.context.newPage();
    await admin.goto(`${server.url}/?delete=${encodeURIComponent(standardId)}`);
    await admin.locator('[role="alertdialog"] button', { hasText: 'Delete permanently' }).click();
    await admin.locator('[role="alertdialog"]').waitFor({ state: 'detached' });
    const alert = bob.page.locator('.load-error');
    await alert.waitFor({ timeout: 15_000 });
    await expect(alert.innerText()).resolves.toMatch(/no longer available/i);
    await admin.close();
  });

  it('reported no errors in either page', () => {
    const relevant = (errors: string[]) => errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|net::/i.test(e));
    expect(relevant(alice.errors)).toEqual([]);
    expect(relevant(bob.errors)).toEqual([]);
  });
});
