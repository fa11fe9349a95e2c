// Clause structure, kinds, requirements and diagnostics as two co-authors see them in Chromium,
// on the seeded example standard: numbers follow edits live, a retag in one browser changes the
// badge and band in the other, a requirement phrase typed into a NOTE is underlined at once.
// Alice is the administrator; Bob an editor of the example's working group.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addMemberIn, createAccountIn, startServerProcess, type ServerProcess } from '../helpers/server';
import { artifactPath, launchBrowser, openAs, requireBuild, type UserPage } from './helpers/browser';
import { eventually, openEditor } from './helpers/editor-page';

/** The top-level or nested clause whose title reads `title`. */
function clause(page: Page, title: string) {
  return page.locator('.ProseMirror section.cw-clause', {
    has: page.locator(':scope > h2', { hasText: title })
  });
}
const heading = (page: Page, title: string) => clause(page, title).locator(':scope > h2').first();
const attr = (page: Page, selector: string, name: string) =>
  page.evaluate(([s, n]) => document.querySelector(s!)?.getAttribute(n!) ?? null, [selector, name]);

/** Puts the caret at the end of a clause title. Clicking far down the page can land a little
 * off while off-screen clauses are laid out on the way, so the caret's place is checked. */
async function caretInTitle(page: Page, title: string, coAuthor: Page): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await heading(page, title).click();
    await page.keyboard.press('End');
    const at = await page.evaluate(() => {
      const node = getSelection()?.anchorNode;
      const el = node?.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element | null);
      return el?.closest('h2')?.textContent ?? null;
    });
    if (at === title) {
      // The DOM selection moves at once, the editor's own selection a moment later; a shortcut
      // pressed in between could act on the clause the caret was in before. The co-author sees
      // the caret in the title only once the editor itself has it there.
      await eventually(
        () => heading(coAuthor, title).locator('.collaboration-carets__caret').count(),
        (n) => n > 0,
        `the caret in "${title}" as the co-author sees it`
      );
      return;
    }
  }
  throw new Error(`could not put the caret in the title "${title}"`);
}

describe('clauses in the editor', () => {
  let server: ServerProcess;
  let browser: Browser;
  let alice: UserPage & { errors: string[] };
  let bob: UserPage & { errors: string[] };

  beforeAll(async () => {
    requireBuild();
    server = await startServerProcess();
    // The first account is the administrator, convenor of every group.
    const aliceAccount = await createAccountIn(server.dataDir, { name: 'Alice Martin' });
    const bobAccount = await createAccountIn(server.dataDir, { name: 'Bob Okafor' });
    browser = await launchBrowser();
    alice = await openAs(browser, aliceAccount, { url: server.url });
    bob = await openAs(browser, bobAccount, { url: server.url });
    // The first start seeds the example standard.
    await alice.page.goto(server.url + '/');
    const row = alice.page.locator('table.standards tbody tr').first();
    const id = await row.getAttribute('data-standard-id');
    expect(id).toBeTruthy();
    const groupId = await row.locator('xpath=ancestor::section[@data-group-id]').getAttribute('data-group-id');
    expect(groupId).toBeTruthy();
    await addMemberIn(server.dataDir, groupId!, bobAccount.user.id, 'editor');
    await openEditor(alice.page, server.url, id!);
    await openEditor(bob.page, server.url, id!);
    await alice.page.waitForSelector('.ProseMirror h2.cw-title[data-heading="7.2"]');
    await bob.page.waitForSelector('.ProseMirror h2.cw-title[data-heading="7.2"]');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill();
  });

  it('shows computed numbers, NOTE labels, requirement ids and kind badges', async () => {
    const { page } = alice;
    await expect(heading(page, 'Scope').getAttribute('data-heading')).resolves.toBe('1');
    await expect(page.locator('.ProseMirror > section[data-role="annex"] > h2').first().getAttribute('data-heading')).resolves.toBe('Annex A');
    await expect(page.locator('.ProseMirror > section[data-role="appendix"] > h2').first().getAttribute('data-heading')).resolves.toBe('Appendix I');
    await expect(heading(page, 'Summary').getAttribute('data-heading')).resolves.toBe('');

    const notes = clause(page, 'Template storage').locator('aside[data-type="note"]');
    await expect(notes.count()).resolves.toBe(2);
    await expect(notes.nth(0).getAttribute('data-label')).resolves.toBe('NOTE 1 – ');
    await expect(notes.nth(1).getAttribute('data-label')).resolves.toBe('NOTE 2 – ');

    const ids = await clause(page, 'Template storage').locator('p.cw-req').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-req-id')));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => !!id)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);

    await expect(clause(page, 'Scope').locator(':scope > .cw-clause-badge').getAttribute('data-kind')).resolves.toBe('normative-technical');
    await expect(clause(page, 'Summary').locator(':scope > .cw-clause-badge').getAttribute('data-kind')).resolves.toBe('informative');
  });

  it('retags a clause in one browser and the badge changes in the other', async () => {
    const title = 'Presentation attack detection';
    const badgeAtBob = clause(bob.page, title).locator(':scope > .cw-clause-badge');
    await expect(badgeAtBob.getAttribute('data-kind')).resolves.toBe('normative-technical');

    await caretInTitle(alice.page, title, bob.page);
    await alice.page.keyboard.press('Alt+Shift+2');
    await eventually(() => badgeAtBob.getAttribute('data-kind'), (k) => k === 'policy-recommendation', 'the policy badge at Bob');
    await expect(badgeAtBob.textContent()).resolves.toBe('Policy');
    await expect(clause(bob.page, title).getAttribute('class')).resolves.toContain('cw-kind-policy-recommendation');

    // The same through the menu on the badge, from Bob's side this time.
    await badgeAtBob.click();
    await bob.page.locator('[role="menu"] [role="menuitemradio"]', { hasText: 'Informative' }).click();
    const badgeAtAlice = clause(alice.page, title).locator(':scope > .cw-clause-badge');
    await eventually(() => badgeAtAlice.getAttribute('data-kind'), (k) => k === 'informative', 'the informative badge at Alice');

    // Back to inheriting; an appendix refuses a normative tag.
    await caretInTitle(alice.page, title, bob.page);
    await alice.page.keyboard.press('Alt+Shift+0');
    await eventually(() => badgeAtBob.getAttribute('data-kind'), (k) => k === 'normative-technical', 'the inherited kind at Bob');
    await expect(badgeAtBob.getAttribute('class')).resolves.toContain('cw-inherited');

    const appendixTitle = (await alice.page.locator('.ProseMirror > section[data-role="appendix"] > h2').first().textContent()) ?? '';
    await caretInTitle(alice.page, appendixTitle, bob.page);
    await alice.page.keyboard.press('Alt+Shift+1');
    await alice.page.locator('.notice', { hasText: 'informative' }).waitFor();
    await expect(alice.page.locator('.ProseMirror > section[data-role="appendix"] > .cw-clause-badge').first().getAttribute('data-kind')).resolves.toBe('informative');
  });

  it('underlines "is required to" typed inside a NOTE, in both browsers', async () => {
    const note = (page: Page) => clause(page, 'Template storage').locator('aside[data-type="note"]').first();
    await expect(note(bob.page).locator('.cw-diag').count()).resolves.toBe(0);
    await note(alice.page).locator('p').first().click();
    await alice.page.keyboard.press('End');
    await alice.page.keyboard.type(' The operator is required to rotate keys yearly.', { delay: 5 });
    for (const { page } of [alice, bob]) {
      const underline = note(page).locator('.cw-diag');
      await underline.first().waitFor({ timeout: 10_000 });
      await expect(underline.first().textContent()).resolves.toContain('is required to');
      await expect(underline.first().getAttribute('data-severity')).resolves.toBe('error');
    }
    await alice.page.keyboard.press('Control+z');
    await eventually(() => note(bob.page).locator('.cw-diag').count(), (n) => n === 0, 'the underline gone after undo');
  });

  it('inserts, demotes, promotes and moves clauses with the keyboard, renumbering live', async () => {
    const { page } = alice;
    await caretInTitle(page, 'Overview', bob.page);
    const overviewNumber = await heading(page, 'Overview').getAttribute('data-heading');
    const next = String(Number(overviewNumber) + 1);
    const xrefBefore = await bob.page.locator('.ProseMirror a[data-type="xref"][data-target="c-capture"]').first().getAttribute('data-label');

    await page.keyboard.press('Alt+Enter');
    await page.keyboard.type('Architecture');
    await eventually(() => heading(bob.page, 'Architecture').getAttribute('data-heading'), (h) => h === next, 'the new clause numbered at Bob');
    await eventually(() => heading(bob.page, 'Functional requirements').getAttribute('data-heading'), (h) => h === String(Number(next) + 1), 'renumbering at Bob');
    // Cross-references follow the new numbers.
    const xrefAfter = await eventually(
      () => bob.page.locator('.ProseMirror a[data-type="xref"][data-target="c-capture"]').first().getAttribute('data-label'),
      (l) => l !== xrefBefore,
      'the cross-reference renumbered at Bob'
    );
    expect(xrefAfter).toContain(`${Number(next) + 1}.1`);

    await page.keyboard.press('Alt+Shift+ArrowRight');
    await eventually(() => heading(bob.page, 'Architecture').getAttribute('data-heading'), (h) => h === `${overviewNumber}.1`, 'demoted at Bob');
    await page.keyboard.press('Alt+Shift+ArrowLeft');
    await eventually(() => heading(bob.page, 'Architecture').getAttribute('data-heading'), (h) => h === next, 'promoted at Bob');
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await eventually(() => heading(bob.page, 'Architecture').getAttribute('data-heading'), (h) => h === String(Number(next) + 1), 'moved down at Bob');
    await expect(heading(bob.page, 'Functional requirements').getAttribute('data-heading')).resolves.toBe(next);
    await page.keyboard.press('Alt+Shift+ArrowUp');
    await eventually(() => heading(bob.page, 'Architecture').getAttribute('data-heading'), (h) => h === next, 'moved up at Bob');
  });

  it('gives a new paragraph its own id', async () => {
    const { page } = alice;
    await clause(page, 'Architecture').locator('p').first().click();
    await page.keyboard.type('First paragraph of the architecture.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Second paragraph.');
    const ids = await eventually(
      () => clause(page, 'Architecture').locator(':scope > p').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-id'))),
      (list) => list.length === 2 && list.every((id) => !!id),
      'ids on both paragraphs'
    );
    expect(ids[0]).not.toBe(ids[1]);
    const all = await page.locator('.ProseMirror [data-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives pasted copies of paragraphs new ids', async () => {
    const { page } = alice;
    const paragraphs = clause(page, 'Architecture').locator(':scope > p');
    const before = await paragraphs.evaluateAll((ps) => ps.map((p) => p.getAttribute('data-id')));
    await paragraphs.last().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    // What a copy from this (or another) tab carries: paragraphs with their ids.
    await page.evaluate((id) => {
      const data = new DataTransfer();
      data.setData('text/html', `<p data-id="${id}">Copied once.</p><p data-id="${id}">Copied twice.</p>`);
      data.setData('text/plain', 'Copied once.\n\nCopied twice.');
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      document.querySelector('.ProseMirror')!.dispatchEvent(event);
    }, before[0]);
    const ids = await eventually(
      () => paragraphs.evaluateAll((ps) => ps.map((p) => p.getAttribute('data-id'))),
      (list) => list.length >= before.length + 2,
      'the pasted paragraphs'
    );
    await expect(clause(page, 'Architecture').textContent()).resolves.toContain('Copied twice.');
    expect(ids.every((id) => !!id)).toBe(true);
    expect(ids.slice(0, before.length)).toEqual(before);
    const all = await page.locator('.ProseMirror [data-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(new Set(all).size).toBe(all.length);
    // Bob's editor has the same ids: they were assigned once, by the author of the paste.
    const atBob = await eventually(
      () => clause(bob.page, 'Architecture').locator(':scope > p').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-id'))),
      (list) => list.length === ids.length,
      'the pasted paragraphs at Bob'
    );
    expect(atBob).toEqual(ids);
  });

  it('filters the view to one kind', async () => {
    const { page } = alice;
    await page.selectOption('.kind-controls select', 'policy-recommendation');
    await eventually(() => clause(page, 'Template storage').getAttribute('class'), (c) => !!c?.includes('cw-filtered-out'), 'normative clauses folded');
    await expect(clause(page, 'Template storage').locator(':scope > p').first().isVisible()).resolves.toBe(false);
    const policyClause = page.locator('.ProseMirror section.cw-kind-policy-recommendation').first();
    await expect(policyClause.locator(':scope > p').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: artifactPath('editor-filter-policy.png') });
    await page.selectOption('.kind-controls select', '');
    await eventually(() => clause(page, 'Template storage').getAttribute('class'), (c) => !c?.includes('cw-filtered-out'), 'all clauses shown again');
  });

  it('reported no errors in either page', () => {
    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });
});
