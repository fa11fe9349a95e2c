// Review in real Chromium against the real server: an editor and a reviewer of one working group
// open the same standard. The reviewer's editor is read-only (typing changes nothing, here or for
// the editor); the reviewer selects text in clause 7.2 and posts a technical comment with a
// proposed change; the editor sees it live, moves the clause (renumbered, the comment follows it)
// and resolves it; the reviewer sees the resolution live. When the reviewer's session ends, their
// page is blocked with a way to sign in again rather than reconnecting forever.

import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { applyStandardToYdoc } from '../../clauses/convert';
import { exampleStandard } from '../../clauses/example';
import {
  addMemberIn,
  connectClient,
  createAccountIn,
  createGroupIn,
  createStandardIn,
  ownerOf,
  startServerProcess,
  type ServerProcess,
  type TestAccount
} from '../helpers/server';
import { ARTIFACTS, artifactPath, launchBrowser, openAs, requireBuild, type UserPage } from './helpers/browser';
import { documentText, eventually, openEditor } from './helpers/editor-page';

type Person = UserPage & { errors: string[] };

/** The clause whose own title reads `title`. */
function clause(page: Page, title: string) {
  return page.locator('.ProseMirror section.cw-clause', { has: page.locator(':scope > h2', { hasText: title }) });
}
const heading = (page: Page, title: string) => clause(page, title).locator(':scope > h2').first();
const panel = (page: Page) => page.locator('[data-testid="review-panel"]');
const card = (page: Page, threadId: string) => panel(page).locator(`article.thread[data-thread-id="${threadId}"]`);

/** Selects `text` inside the block with `blockId` the way a mouse drag would leave the page's selection. */
async function selectText(page: Page, blockId: string, text: string): Promise<void> {
  await page.evaluate(
    ([id, wanted]) => {
      const block = document.querySelector(`.ProseMirror [data-id="${id}"]`);
      if (!block) throw new Error(`no block ${id}`);
      block.scrollIntoView({ block: 'center' });
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted!);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted!.length);
        const selection = getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`"${wanted}" is not in one text node of ${id}`);
    },
    [blockId, text]
  );
}

describe('review comments in the browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let editorAccount: TestAccount;
  let reviewerAccount: TestAccount;
  let editor: Person;
  let reviewer: Person;
  let standardId: string;
  let threadId = '';
  const quote = 'encrypt biometric templates at rest';
  const comment = 'The algorithm and key length are left open, so conformance cannot be tested.';
  const proposed = 'Replace with: "… to encrypt biometric templates at rest with AES-256 or stronger."';

  beforeAll(async () => {
    requireBuild();
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerProcess();
    // The administrator first, so neither person below is convenor of everything.
    await ownerOf(server.dataDir);
    const group = await createGroupIn(server.dataDir, 'SG16 Q5 — face recognition');
    editorAccount = await createAccountIn(server.dataDir, { name: 'Erin Editor' });
    reviewerAccount = await createAccountIn(server.dataDir, { name: 'Rafael Reviewer' });
    await addMemberIn(server.dataDir, group.id, editorAccount.user.id, 'editor');
    await addMemberIn(server.dataDir, group.id, reviewerAccount.user.id, 'reviewer');
    const standard = await createStandardIn(server.dataDir, {
      title: 'Requirements for face recognition systems',
      designation: 'ITU-T F.FRS',
      groupId: group.id
    });
    standardId = standard.id;
    // The example's text (clause 7.2 "Template storage"), written by the editor over the socket.
    const client = await connectClient(server.wsUrl, standardId, { token: editorAccount.token });
    applyStandardToYdoc(client.doc, exampleStandard());
    await client.whenSynced();
    client.destroy();

    browser = await launchBrowser();
    editor = await openAs(browser, editorAccount, { url: server.url });
    reviewer = await openAs(browser, reviewerAccount, { url: server.url });
    await openEditor(editor.page, server.url, standardId);
    await openEditor(reviewer.page, server.url, standardId);
    for (const { page } of [editor, reviewer]) await page.waitForSelector('.ProseMirror h2.cw-title[data-heading="7.2"]');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill();
  });

  it('shows the reviewer a read-only document that typing does not change', async () => {
    const { page } = reviewer;
    await expect(page.locator('[data-testid="role-badge"]').textContent()).resolves.toContain('Reviewer — you can comment, not edit');
    await expect(page.locator('.ProseMirror').getAttribute('contenteditable')).resolves.toBe('false');
    // No structure or kind tools for a reviewer; the editor has them.
    await expect(page.locator('.clause-menu').count()).resolves.toBe(0);
    await expect(editor.page.locator('.clause-menu').count()).resolves.toBe(1);
    await expect(editor.page.locator('[data-testid="role-badge"]').count()).resolves.toBe(0);

    const before = await documentText(editor.page);
    await clause(page, 'Template storage').locator('p[data-id="p-frs-req-07"]').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' typed by the reviewer', { delay: 10 });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Alt+Shift+ArrowUp');
    // Long enough for an edit to reach the other browser if one had been made.
    await page.waitForTimeout(1500);
    await expect(documentText(page)).resolves.toBe(before);
    await expect(documentText(editor.page)).resolves.toBe(before);
    await expect(page.locator('.connection [data-unsynced]').count()).resolves.toBe(0);
  });

  it('lets the reviewer comment on selected text in clause 7.2, and the editor sees it live', async () => {
    const { page } = reviewer;
    await selectText(page, 'p-frs-req-08', quote);
    // The editor has read the selection once the bubble beside it shows.
    await page.locator('[data-testid="comment-bubble"]').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+Alt+m');
    const composer = page.locator('[data-testid="comment-composer"]');
    await composer.waitFor();
    await expect(composer.locator('[data-testid="composer-quote"]').textContent()).resolves.toBe(quote);
    await expect(composer.textContent()).resolves.toContain('clause 7.2');
    await composer.locator('[data-testid="comment-type"]').selectOption('technical');
    await composer.locator('[data-testid="comment-body"]').fill(comment);
    await composer.locator('[data-testid="comment-proposed"]').fill(proposed);
    await composer.locator('[data-testid="comment-post"]').click();
    await composer.waitFor({ state: 'detached' });

    // At the reviewer: under 7.2 in the Review panel, and the text highlighted.
    const mine = panel(page).locator('.group[data-clause-id="c-storage"] article.thread');
    await mine.first().waitFor();
    threadId = (await mine.first().getAttribute('data-thread-id')) ?? '';
    expect(threadId).not.toBe('');
    await expect(panel(page).locator('.group[data-clause-id="c-storage"] .num').textContent()).resolves.toBe('7.2');
    await eventually(() => page.locator(`.ProseMirror .comment-range[data-thread-id="${threadId}"]`).allTextContents(), (t) => t.join('') === quote, 'the highlight at the reviewer');

    // At the editor, without reloading: the tab's count, then the thread with everything in it.
    const count = editor.page.locator('[data-testid="tab-count-review"]');
    await eventually(() => count.getAttribute('data-count').catch(() => null), (n) => n === '1', 'the open-comment count at the editor');
    await editor.page.getByRole('tab', { name: 'Review' }).click();
    const seen = card(editor.page, threadId);
    await seen.waitFor();
    await expect(seen.getAttribute('data-type')).resolves.toBe('technical');
    await expect(seen.getAttribute('data-status')).resolves.toBe('open');
    const text = (await seen.textContent()) ?? '';
    for (const part of ['te', 'Rafael Reviewer', quote, comment, proposed]) expect(text).toContain(part);
    await eventually(
      () => editor.page.locator(`.ProseMirror .comment-range[data-thread-id="${threadId}"]`).allTextContents(),
      (t) => t.join('') === quote,
      'the highlight at the editor'
    );
    await editor.page.screenshot({ path: artifactPath('review-editor-sees-comment.png') });
    await reviewer.page.screenshot({ path: artifactPath('review-reviewer-commented.png') });
  });

  it('keeps the comment on its clause when the editor moves the clause and it is renumbered', async () => {
    const { page } = editor;
    await heading(page, 'Template storage').click();
    await page.keyboard.press('End');
    await eventually(
      () => page.evaluate(() => getSelection()?.anchorNode?.parentElement?.closest('h2')?.textContent ?? null),
      (t) => t === 'Template storage',
      'the caret in the title of 7.2'
    );
    await page.waitForTimeout(200);
    await page.keyboard.press('Alt+Shift+ArrowUp');
    for (const { page: p } of [editor, reviewer]) {
      await eventually(() => heading(p, 'Template storage').getAttribute('data-heading'), (h) => h === '7.1', 'clause 7.2 moved to 7.1');
      // Listed under the clause's new number, and the quoted text still highlighted.
      await eventually(
        () => panel(p).locator('.group[data-clause-id="c-storage"] .num').textContent().catch(() => null),
        (n) => n === '7.1',
        'the thread under 7.1 in the review panel'
      );
      await expect(card(p, threadId).count()).resolves.toBe(1);
      await eventually(
        () => p.locator(`.ProseMirror .comment-range[data-thread-id="${threadId}"]`).allTextContents(),
        (t) => t.join('') === quote,
        'the highlight after the move'
      );
      await expect(card(p, threadId).locator('[data-testid="thread-text-deleted"]').count()).resolves.toBe(0);
    }
  });

  it('lets the editor resolve the comment, and the reviewer sees it resolved live', async () => {
    const seen = card(editor.page, threadId);
    await seen.locator('[data-testid="thread-resolve"]').click();
    await seen.locator('[data-testid="resolve-note"]').fill('Accepted: the clause now names AES-256.');
    await seen.locator('[data-testid="resolve-confirm"]').click();
    await eventually(() => seen.getAttribute('data-status'), (s) => s === 'resolved', 'resolved at the editor');

    const theirs = card(reviewer.page, threadId);
    await eventually(() => theirs.getAttribute('data-status'), (s) => s === 'resolved', 'resolved at the reviewer');
    await expect(theirs.locator('[data-testid="thread-status"]').textContent()).resolves.toBe('Resolved');
    const resolution = (await theirs.locator('[data-testid="thread-resolution"]').textContent()) ?? '';
    expect(resolution).toContain('Erin Editor');
    expect(resolution).toContain('Accepted: the clause now names AES-256.');
    await eventually(() => reviewer.page.locator('[data-testid="tab-count-review"]').count(), (n) => n === 0, 'no open comment left');
    await reviewer.page.screenshot({ path: artifactPath('review-reviewer-sees-resolution.png') });
  });

  it('keeps threads whose text or clause was deleted: on the clause, or listed as detached', async () => {
    const { page } = reviewer;
    const clauseTitle = 'Comparison and thresholds';
    // A comment on the whole clause: the caret in it, nothing selected, the toolbar's button.
    await clause(page, clauseTitle).locator('p[data-id="p-comparison-single-threshold"]').click();
    await page.locator('[data-testid="comment-bubble"]').waitFor({ state: 'detached' });
    await page.locator('[data-testid="comment-button"]').click();
    const composer = page.locator('[data-testid="comment-composer"]');
    await expect(composer.textContent()).resolves.toContain('On the whole clause');
    await composer.locator('[data-testid="comment-body"]').fill('This clause should say who sets the threshold.');
    await composer.locator('[data-testid="comment-post"]').click();
    await composer.waitFor({ state: 'detached' });
    // And one on a few words of it.
    await selectText(page, 'p-comparison-report', 'operating threshold');
    await page.locator('[data-testid="comment-bubble"]').click();
    await composer.locator('[data-testid="comment-type"]').selectOption('editorial');
    await composer.locator('[data-testid="comment-body"]').fill('Say "decision threshold", as ISO/IEC 2382-37 does.');
    await composer.locator('[data-testid="comment-post"]').click();
    await composer.waitFor({ state: 'detached' });
    const threads = panel(page).locator('.group[data-clause-id="c-comparison"] article.thread');
    await eventually(() => threads.count(), (n) => n === 2, 'two threads on 7.3');
    const [wholeClause, onWords] = await threads.evaluateAll((els) => els.map((el) => el.getAttribute('data-thread-id')!));

    // The editor deletes the commented words: the thread stays on its clause and says so.
    const { page: editorPage } = editor;
    await clause(editorPage, clauseTitle).locator('p[data-id="p-comparison-report"]').click();
    await selectText(editorPage, 'p-comparison-report', 'operating threshold');
    await editorPage.waitForTimeout(200);
    await editorPage.keyboard.press('Backspace');
    for (const p of [editorPage, page]) {
      await eventually(() => documentText(p), (t) => t.includes('measured at its .'), 'the words deleted');
      await card(p, onWords!).locator('[data-testid="thread-text-deleted"]').waitFor({ timeout: 10_000 });
      await expect(panel(p).locator(`.group[data-clause-id="c-comparison"] [data-thread-id="${onWords}"]`).count()).resolves.toBe(1);
      await expect(card(p, wholeClause!).locator('[data-testid="thread-text-deleted"]').count()).resolves.toBe(0);
    }

    // The editor deletes the clause: both threads are listed as detached, nothing is lost.
    await heading(editorPage, clauseTitle).click();
    await editorPage.keyboard.press('End');
    await editorPage.waitForTimeout(200);
    await editorPage.getByRole('button', { name: 'Clause ▾' }).click();
    await editorPage.getByRole('menuitem', { name: 'Delete clause' }).click();
    for (const p of [editorPage, page]) {
      const detached = panel(p).locator('.group.detached');
      await eventually(() => detached.locator('article.thread').count(), (n) => n === 2, 'both threads detached');
      await expect(detached.textContent()).resolves.toContain('Detached (clause deleted)');
    }
    await reviewer.page.screenshot({ path: artifactPath('review-detached.png') });
  });

  it('logged no errors in either page', () => {
    expect(editor.errors).toEqual([]);
    expect(reviewer.errors).toEqual([]);
  });

  it('blocks the editor with a way to sign in again when the session ends, instead of reconnecting', async () => {
    // The reviewer logs out in another tab: the open document is closed by the server.
    const other = await reviewer.context.newPage();
    await other.goto(server.url + '/');
    await other.getByRole('button', { name: 'Log out' }).click();
    await other.waitForURL(/\/login/);
    const blocked = reviewer.page.locator('[data-testid="access-blocked"]');
    await blocked.waitFor({ timeout: 15_000 });
    await expect(blocked.getAttribute('data-kind')).resolves.toBe('session-ended');
    const signIn = blocked.getByRole('link', { name: 'Sign in' });
    await expect(signIn.getAttribute('href')).resolves.toBe(`/login?next=${encodeURIComponent(`/standards/${standardId}`)}`);
    // It stays blocked: no reconnection loop brings the document back.
    await reviewer.page.waitForTimeout(2000);
    await expect(blocked.isVisible()).resolves.toBe(true);
    await expect(reviewer.page.locator('.connection').getAttribute('data-status')).resolves.not.toBe('connected');
    // The editor is unaffected.
    await expect(editor.page.locator('.connection').getAttribute('data-status')).resolves.toBe('connected');
    await reviewer.page.screenshot({ path: artifactPath('review-session-ended.png') });
  });
});
