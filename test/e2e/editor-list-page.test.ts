// The standards list in real Chromium: create (with validation messages), rename, delete only
// after confirming, open. Signed in as the administrator, who convenes every working group and so
// may create, rename and delete standards in the seeded example group.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createAccountIn, startServerProcess, type ServerProcess } from '../helpers/server';
import { launchBrowser, openAs, requireBuild } from './helpers/browser';
import { createStandardThroughUi } from './helpers/editor-page';

describe('standards list page', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    requireBuild();
    server = await startServerProcess();
    // The first account of the data directory: the administrator.
    const dana = await createAccountIn(server.dataDir, { name: 'Dana Editor' });
    browser = await launchBrowser();
    ({ page, errors } = await openAs(browser, dana, { url: server.url }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill();
  });

  const row = (title: string) => page.locator('table.standards tbody tr', { hasText: title });

  it('refuses a standard without a title or with a malformed designation, saying why', async () => {
    await page.goto(server.url + '/');
    const rowsBefore = await page.locator('table.standards tbody tr').count();
    await page.fill('#new-title', '   ');
    await page.fill('#new-designation', 'F.FRS <script>');
    await page.click('button:has-text("Create standard")');
    await expect(page.locator('#new-title-error').innerText()).resolves.toMatch(/title is required/i);
    await expect(page.locator('#new-designation-error').innerText()).resolves.toMatch(/letters, digits/i);
    // What was typed is kept, so it can be corrected.
    await expect(page.inputValue('#new-designation')).resolves.toBe('F.FRS <script>');
    await expect(page.locator('table.standards tbody tr').count()).resolves.toBe(rowsBefore);
  });

  it('creates a standard, opens it in the editor and lists it', async () => {
    const id = await createStandardThroughUi(page, server.url, {
      title: 'Video coding for browsers',
      designation: 'ITU-T H.999',
      series: 'SERIES H: AUDIOVISUAL AND MULTIMEDIA SYSTEMS',
      studyGroup: 'SG16'
    });
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    // The new standard starts from the ITU-T skeleton.
    await expect(page.locator('.ProseMirror > section[data-role="scope"]').count()).resolves.toBe(1);

    await page.goto(server.url + '/');
    const created = row('Video coding for browsers');
    await expect(created.innerText()).resolves.toContain('ITU-T H.999');
    await expect(created.innerText()).resolves.toContain('SG16');
    await created.locator('a', { hasText: 'Open' }).click();
    await page.waitForURL(`**/standards/${id}`);
    await page.waitForSelector('.ProseMirror section[data-type="clause"]');
  });

  it('renames a standard in place', async () => {
    await page.goto(server.url + '/');
    await row('Video coding for browsers').locator('a', { hasText: 'Rename' }).click();
    const input = page.locator('form.rename input[name="title"]');
    await input.fill('Video coding for web browsers');
    await page.click('form.rename button:has-text("Save")');
    await row('Video coding for web browsers').waitFor();
    await page.reload();
    await expect(row('Video coding for web browsers').count()).resolves.toBe(1);
    await expect(page.locator('form.rename').count()).resolves.toBe(0);
  });

  it('refuses an empty new title', async () => {
    await row('Video coding for web browsers').locator('a', { hasText: 'Rename' }).click();
    await page.locator('form.rename input[name="title"]').fill('');
    await page.click('form.rename button:has-text("Save")');
    await expect(page.locator('form.rename [role="alert"]').innerText()).resolves.toMatch(/title is required/i);
    await page.goto(server.url + '/');
    await expect(row('Video coding for web browsers').count()).resolves.toBe(1);
  });

  it('deletes only after confirmation', async () => {
    await createStandardThroughUi(page, server.url, { title: 'Keep me', designation: 'ITU-T Y.1' });
    await page.goto(server.url + '/');
    await row('Video coding for web browsers').locator('a', { hasText: 'Delete' }).click();
    const dialog = page.locator('[role="alertdialog"]');
    await expect(dialog.innerText()).resolves.toContain('Video coding for web browsers');

    await dialog.locator('a', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(row('Video coding for web browsers').count()).resolves.toBe(1);

    await row('Video coding for web browsers').locator('a', { hasText: 'Delete' }).click();
    await dialog.locator('button', { hasText: 'Delete permanently' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.reload();
    await expect(row('Video coding for web browsers').count()).resolves.toBe(0);
    await expect(row('Keep me').count()).resolves.toBe(1);
  });

  it('shows a clear message for a standard that does not exist', async () => {
    const response = await page.goto(server.url + '/standards/s-doesnotexist');
    expect(response?.status()).toBe(404);
    await expect(page.locator('body').innerText()).resolves.toMatch(/no standard with the id "s-doesnotexist"/i);
  });

  it('reported no errors in the page', () => {
    expect(errors.filter((e) => !/404|Not Found/i.test(e))).toEqual([]);
  });
});
