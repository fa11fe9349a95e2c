// Importing a Markdown draft from the browser: upload ITU-T F.921 on /import, review what was
// found, create the standard, land in its editor with the clauses in place. A Word file uploaded
// by mistake gets a clear message and creates nothing. Importing needs a working group one
// convenes: the importer is the administrator, the careless one convenor of a group of their own.

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  addMemberIn,
  createAccountIn,
  createGroupIn,
  startServerProcess,
  type ServerProcess,
  type TestAccount
} from '../helpers/server';
import { launchBrowser, openAs, requireBuild } from './helpers/browser';

const F921 = fileURLToPath(new URL('../../../shared/samples/itu-t-f921-2018.pandoc.md', import.meta.url));
const F921_DOCX = fileURLToPath(new URL('../../../shared/samples/itu-t-f921-2018.docx', import.meta.url));

let server: ServerProcess;
let browser: Browser;
let importer: TestAccount;
let careless: TestAccount;

beforeAll(async () => {
  requireBuild();
  server = await startServerProcess();
  // The first account is the administrator, convenor of every group.
  importer = await createAccountIn(server.dataDir, { name: 'Importer' });
  careless = await createAccountIn(server.dataDir, { name: 'Careless' });
  const group = await createGroupIn(server.dataDir, 'Careless group');
  await addMemberIn(server.dataDir, group.id, careless.user.id, 'convenor');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Submits the upload form; a refused post (SvelteKit's CSRF origin check) fails here, by name. */
async function submit(page: Page, button: string): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/import'),
    page.getByRole('button', { name: button }).click()
  ]);
  expect(response.status(), `the form post was refused: ${await response.text()}`).not.toBe(403);
}

async function standardIds(): Promise<string[]> {
  const res = await fetch(`${server.url}/api/standards`, { headers: importer.headers });
  return ((await res.json()) as { standards: { id: string }[] }).standards.map((s) => s.id);
}

describe('import page', () => {
  it('imports F.921 from an upload and opens it with its clauses', async () => {
    const { context, page, errors } = await openAs(browser, importer, { url: server.url });
    try {
      await page.goto(`${server.url}/import`);
      await page.locator('input[type="file"]').setInputFiles(F921);
      await submit(page, 'Read draft');
      const review = page.locator('[data-testid="import-review"]');
      await review.waitFor();
      expect(await page.locator('[data-testid="import-clauses"] li').count()).toBeGreaterThan(40);
      // Policy tags are proposals: none is ticked until the user ticks it.
      expect(await page.locator('[data-testid="import-proposals"] input:checked').count()).toBe(0);

      const before = await standardIds();
      await submit(page, 'Create standard');
      await page.waitForURL(/\/standards\/[^/]+$/);
      const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      expect(before).not.toContain(id);
      expect(await standardIds()).toContain(id);

      await page.locator('.ProseMirror').waitFor();
      const outline = page.locator('[data-testid="outline-panel"]');
      await outline.locator('li[data-clause-id]').first().waitFor();
      const row = outline.locator('li', { hasText: 'Alert to current location' });
      await expect.poll(() => row.locator('.num').innerText()).toBe('9.2.8');
      await page.locator('.ProseMirror h2', { hasText: 'Railway stations' }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses a Word file with a message naming it, creating nothing', async () => {
    const { context, page } = await openAs(browser, careless, { url: server.url });
    try {
      const before = await standardIds();
      await page.goto(`${server.url}/import`);
      await page.locator('input[type="file"]').setInputFiles(F921_DOCX);
      await submit(page, 'Read draft');
      const error = page.locator('[data-testid="import-error"]');
      await error.waitFor();
      expect(await error.innerText()).toMatch(/not a Markdown file|Word|ZIP/);
      expect(await standardIds()).toEqual(before);
    } finally {
      await context.close();
    }
  });
});
