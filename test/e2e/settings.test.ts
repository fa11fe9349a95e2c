// The Settings panel in real Chromium against the real server, with two co-authors: switching the
// convention rewrites clause 5 in both browsers and shows in the other's panel, updates the
// problems live and is one undo step; a drafter's own Conventions text is kept unless they ask;
// an invalid label pattern or date is refused with a message and never shared; the Export menu
// fills a TD header. Alice is the administrator (so may create the standard); Bob an editor of its
// working group.

import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addMemberIn, createAccountIn, startServerProcess, type ServerProcess, type TestAccount } from '../helpers/server';
import { ARTIFACTS, artifactPath, launchBrowser, openAs, requireBuild, type UserPage } from './helpers/browser';
import { clickIntoClause, createStandardThroughUi, eventually, openEditor } from './helpers/editor-page';

const ITU_T_WORDS = 'The keywords "is prohibited from" indicate';
const RFC_WORDS = 'interpreted as described in BCP 14';

function conventionsClause(page: Page): Promise<string> {
  return page.locator('.ProseMirror > section[data-role="conventions"]').innerText();
}

async function openSettings(page: Page) {
  await page.getByRole('tab', { name: 'Settings' }).click();
  const panel = page.locator('[data-testid="settings-panel"]');
  await panel.waitFor();
  return panel;
}

function chosenConvention(page: Page): Promise<string | null> {
  return page.locator('[data-testid="convention"] input:checked').getAttribute('value');
}

/** The working group a standard belongs to, as the API lists it to `account`. */
async function groupOf(server: ServerProcess, account: TestAccount, standardId: string): Promise<string> {
  const res = await fetch(`${server.url}/api/standards`, { headers: account.headers });
  const { standards } = (await res.json()) as { standards: { id: string; groupId: string }[] };
  const found = standards.find((s) => s.id === standardId);
  if (!found) throw new Error(`standard ${standardId} is not listed`);
  return found.groupId;
}

describe('standard settings in the browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let alice: UserPage & { errors: string[] };
  let bob: UserPage & { errors: string[] };
  let aliceAccount: TestAccount;

  beforeAll(async () => {
    requireBuild();
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerProcess();
    // The first account is the administrator, convenor of every group.
    aliceAccount = await createAccountIn(server.dataDir, { name: 'Alice Martin' });
    const bobAccount = await createAccountIn(server.dataDir, { name: 'Bob Okafor' });
    browser = await launchBrowser();
    alice = await openAs(browser, aliceAccount, { url: server.url });
    bob = await openAs(browser, bobAccount, { url: server.url });
    const id = await createStandardThroughUi(alice.page, server.url, {
      title: 'Requirements for template storage',
      designation: 'ITU-T F.TPL',
      studyGroup: 'SG16'
    });
    await addMemberIn(server.dataDir, await groupOf(server, aliceAccount, id), bobAccount.user.id, 'editor');
    await openEditor(bob.page, server.url, id);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill();
  });

  it('switching the convention rewrites clause 5 in both browsers and shows in the other panel', async () => {
    const panel = await openSettings(alice.page);
    await openSettings(bob.page);
    expect(await chosenConvention(bob.page)).toBe('itu-t');
    expect(await conventionsClause(bob.page)).toContain(ITU_T_WORDS);

    await panel.locator('input[value="rfc2119"]').check();
    for (const { page } of [alice, bob]) {
      await eventually(() => conventionsClause(page), (t) => t.includes(RFC_WORDS) && !t.includes(ITU_T_WORDS), 'the RFC 2119 text in clause 5');
    }
    await eventually(() => chosenConvention(bob.page), (v) => v === 'rfc2119', "rfc2119 chosen in Bob's panel");
    await bob.page.screenshot({ path: artifactPath('settings-convention-bob.png') });
  });

  it('undoes the switch and the clause text together, in one step', async () => {
    await clickIntoClause(alice.page, 'scope');
    await alice.page.keyboard.press('Control+z');
    await eventually(() => conventionsClause(bob.page), (t) => t.includes(ITU_T_WORDS), 'the ITU-T text back at Bob');
    await eventually(() => chosenConvention(bob.page), (v) => v === 'itu-t', "itu-t back in Bob's panel");
    await alice.page.keyboard.press('Control+Shift+z');
    await eventually(() => conventionsClause(bob.page), (t) => t.includes(RFC_WORDS), 'the RFC 2119 text again at Bob');
    await eventually(() => chosenConvention(alice.page), (v) => v === 'rfc2119', "rfc2119 again in Alice's panel");
  });

  it('updates the problems live: an RFC 2119 keyword is a mixed-convention warning only under ITU-T', async () => {
    await clickIntoClause(alice.page, 'body');
    await alice.page.keyboard.type('The system MUST log every access to a template.', { delay: 5 });
    await alice.page.getByRole('tab', { name: 'Problems' }).click();
    const mixed = alice.page.locator('[data-testid="problems-panel"] li[data-code="OBL003"]');
    await new Promise((r) => setTimeout(r, 500));
    expect(await mixed.count()).toBe(0);

    const panel = await openSettings(alice.page);
    await panel.locator('input[value="itu-t"]').check();
    await alice.page.getByRole('tab', { name: 'Problems' }).click();
    await mixed.first().waitFor({ timeout: 10_000 });
    await expect(mixed.first().innerText()).resolves.toContain('MUST');

    await (await openSettings(alice.page)).locator('input[value="rfc2119"]').check();
    await alice.page.getByRole('tab', { name: 'Problems' }).click();
    await expect.poll(() => mixed.count(), { timeout: 10_000 }).toBe(0);
  });

  it("keeps a drafter's own Conventions text on a switch, and replaces it only on request", async () => {
    const clause5 = alice.page.locator('.ProseMirror > section[data-role="conventions"] > p').last();
    await clause5.click();
    await alice.page.keyboard.press('End');
    await alice.page.keyboard.type(' Lower-case words carry no obligation.', { delay: 5 });
    await eventually(() => conventionsClause(bob.page), (t) => t.includes('Lower-case words carry no obligation.'), "Alice's edit at Bob");

    const panel = await openSettings(alice.page);
    await panel.locator('input[value="itu-t"]').check();
    const notice = panel.locator('[data-testid="conventions-kept"]');
    await notice.waitFor();
    await expect(notice.innerText()).resolves.toContain('was not changed');
    expect(await conventionsClause(alice.page)).toContain('Lower-case words carry no obligation.');
    await eventually(() => chosenConvention(bob.page), (v) => v === 'itu-t', "itu-t in Bob's panel");
    expect(await conventionsClause(bob.page)).toContain(RFC_WORDS);

    await notice.getByRole('button', { name: 'Replace the Conventions text' }).click();
    for (const { page } of [alice, bob]) {
      await eventually(
        () => conventionsClause(page),
        (t) => t.includes(ITU_T_WORDS) && !t.includes('Lower-case words carry no obligation.'),
        'the ITU-T text in clause 5 after the explicit replacement'
      );
    }
    await expect.poll(() => notice.count()).toBe(0);
  });

  it('refuses an invalid label pattern or date with a message, and shares valid ones', async () => {
    const panel = await openSettings(alice.page);
    const bobPanel = await openSettings(bob.page);
    const before = await bobPanel.locator('[data-testid="pattern"]').inputValue();

    const pattern = panel.locator('[data-testid="pattern"]');
    await pattern.fill('TPL-REQ-(\\d{2}');
    await pattern.press('Enter');
    await expect(panel.locator('[data-testid="pattern-error"]').innerText()).resolves.toMatch(/Not a valid regular expression/);
    await alice.page.screenshot({ path: artifactPath('settings-invalid-pattern.png') });
    await new Promise((r) => setTimeout(r, 500));
    expect(await bobPanel.locator('[data-testid="pattern"]').inputValue()).toBe(before);

    await pattern.fill('TPL-REQ-\\d{2}');
    await pattern.press('Enter');
    expect(await panel.locator('[data-testid="pattern-error"]').count()).toBe(0);
    await eventually(() => bobPanel.locator('[data-testid="pattern"]').inputValue(), (v) => v === 'TPL-REQ-\\d{2}', 'the new pattern at Bob');

    const date = panel.locator('[data-testid="date"]');
    await date.fill('13/2027');
    await date.press('Enter');
    await expect(panel.locator('[data-testid="date-error"]').innerText()).resolves.toContain('MM/YYYY');
    await date.fill('03/2027');
    await date.press('Enter');
    await eventually(() => bobPanel.locator('[data-testid="date"]').inputValue(), (v) => v === '03/2027', 'the date at Bob');
    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });

  it('the Export menu asks for the TD header when "Draft in a TD" is chosen, with the standard’s defaults', async () => {
    const menu = alice.page.locator('[data-testid="export-menu"]');
    await menu.locator('.cw-export-toggle').click();
    expect(await menu.locator('[data-testid="td-header"]').count()).toBe(0);
    await menu.locator('input[name="cw-export-form"][value="td"]').check();
    const form = menu.locator('[data-testid="td-header"]');
    await form.waitFor();
    expect(await form.locator('input[name="td-study-group"]').inputValue()).toBe('SG16');
    expect(await form.locator('input[name="td-title"]').inputValue()).toContain('Requirements for template storage');
    await form.locator('input[name="td-questions"]').fill('Q5/16');
    await form.locator('input[name="td-meeting"]').fill('Geneva, 3-14 March 2027');
    const href = await menu.locator('a[data-format="html"]').getAttribute('href');
    const query = new URL(href!, server.url).searchParams;
    expect(query.get('form')).toBe('td');
    expect(query.get('td-questions')).toBe('Q5/16');
    expect(query.get('td-study-group')).toBe('SG16');
    const html = await (await fetch(new URL(href!, server.url), { headers: aliceAccount.headers })).text();
    for (const text of ['Q5/16', 'Geneva, 3-14 March 2027', 'SG16', 'Requirements for template storage']) expect(html).toContain(text);
    await alice.page.screenshot({ path: artifactPath('settings-export-td.png') });
  });
});
