// The editor's side panels in real Chromium against the real server: the problems panel lists the
// example's diagnostics and clicking one puts the caret there; the outline navigates and reorders
// by drag; the requirement panel validates and saves a label; the export menu downloads a .docx.
// Each person is an editor of the example's working group; the API is read as the administrator.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  addMemberIn,
  createAccountIn,
  ownerOf,
  startServerProcess,
  type ServerProcess,
  type TestAccount
} from '../helpers/server';
import { artifactPath, launchBrowser, openAs, requireBuild } from './helpers/browser';
import type { Standard } from '../../clauses/model';
import { findRequirements } from '../../clauses/requirements';

let server: ServerProcess;
let browser: Browser;
let owner: TestAccount;
let standardId: string;
let groupId: string;

/** A GET of the API as the administrator (every route needs a user since issue 5). */
const apiGet = (url: string) => fetch(url, { headers: owner.headers });

beforeAll(async () => {
  requireBuild();
  server = await startServerProcess();
  owner = await ownerOf(server.dataDir);
  browser = await launchBrowser();
  const res = await apiGet(`${server.url}/api/standards`);
  const { standards } = (await res.json()) as { standards: { id: string; groupId: string }[] };
  standardId = standards[0]!.id;
  groupId = standards[0]!.groupId;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openEditor(name: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const account = await createAccountIn(server.dataDir, { name });
  await addMemberIn(server.dataDir, groupId, account.user.id, 'editor');
  const { context, page, errors } = await openAs(browser, account, { url: server.url });
  await page.goto(`${server.url}/standards/${standardId}`);
  await page.locator('.ProseMirror').waitFor();
  // Panels fill in once the document has been read into a Standard.
  await page.locator('[data-testid="outline-panel"] li[data-clause-id]').first().waitFor();
  return { page, errors, close: () => context.close() };
}

/** The innermost clause around the caret, and whether the caret is inside the element `id`. */
function caretPlace(page: Page, id = ''): Promise<{ clause: string | null; inside: boolean }> {
  return page.evaluate((id) => {
    const node = document.getSelection()?.anchorNode ?? null;
    const el = node instanceof Element ? node : (node?.parentElement ?? null);
    let inside = false;
    for (let at = el; at && id; at = at.parentElement) if (at.getAttribute('data-id') === id) inside = true;
    return {
      clause: el?.closest('section[data-type="clause"]')?.getAttribute('data-id') ?? null,
      inside
    };
  }, id);
}

describe('panels', () => {
  it('lists a diagnostic in the problems panel and clicking it moves the caret to the spot', async () => {
    const { page, errors, close } = await openEditor('Problem Solver');
    try {
      await page.getByRole('tab', { name: 'Problems' }).click();
      const items = page.locator('[data-testid="problems-panel"] li[data-code]');
      await items.first().waitFor();
      expect(await items.count()).toBeGreaterThan(0);
      // Prefer one that points at a block, the more precise navigation.
      const withBlock = page.locator('[data-testid="problems-panel"] li[data-block-id]');
      const item = (await withBlock.count()) > 0 ? withBlock.last() : items.last();
      const clauseId = await item.getAttribute('data-clause-id');
      const blockId = await item.getAttribute('data-block-id');
      await item.locator('button.cw-diagnostic').click();
      if (blockId) await expect.poll(async () => (await caretPlace(page, blockId)).inside).toBe(true);
      else await expect.poll(async () => (await caretPlace(page)).clause).toBe(clauseId);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('applies a quick fix: retagging a clause changes its badge and clears the problem', async () => {
    const { page, close } = await openEditor('Fixer');
    try {
      await page.getByRole('tab', { name: 'Problems' }).click();
      const fixable = page.locator('[data-testid="problems-panel"] li', {
        has: page.locator('button.cw-fix', { hasText: /policy recommendation/i })
      });
      await fixable.first().waitFor();
      const clauseId = (await fixable.first().getAttribute('data-clause-id'))!;
      const code = (await fixable.first().getAttribute('data-code'))!;
      const badge = page.locator(`[data-testid="outline-panel"] li[data-clause-id="${clauseId}"] [data-kind]`);
      expect(await badge.getAttribute('data-kind')).not.toBe('policy-recommendation');
      await fixable.first().locator('button.cw-fix').click();
      await expect.poll(() => badge.getAttribute('data-kind')).toBe('policy-recommendation');
      await expect
        .poll(() => page.locator(`[data-testid="problems-panel"] li[data-code="${code}"][data-clause-id="${clauseId}"]`).count())
        .toBe(0);
      // The fix is an ordinary edit: undo brings the clause back to its kind.
      await page.locator('.ProseMirror').focus();
      await page.keyboard.press('Control+z');
      await expect.poll(() => badge.getAttribute('data-kind')).not.toBe('policy-recommendation');
    } finally {
      await close();
    }
  });

  it('navigates from the outline and reorders clauses by drag', async () => {
    const { page, close } = await openEditor('Outliner');
    try {
      const rows = page.locator('[data-testid="outline-panel"] li[data-clause-id]');
      const last = rows.last();
      const lastId = await last.getAttribute('data-clause-id');
      await last.locator('button').click();
      await expect.poll(async () => (await caretPlace(page)).clause).toBe(lastId);
      // Navigation scrolls smoothly: the clause comes into view shortly after the caret moves.
      const clauseBox = page.locator(`section[data-type="clause"][data-id="${lastId}"]`);
      await expect
        .poll(() =>
          clauseBox.evaluate((el) => {
            const box = el.getBoundingClientRect();
            return box.top < window.innerHeight && box.bottom > 0;
          })
        )
        .toBe(true);

      // Drag the last numbered top-level clause onto the upper edge of the one before it.
      const order = async () => rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-clause-id')));
      const heading = async (id: string) =>
        page.locator(`[data-testid="outline-panel"] li[data-clause-id="${id}"] .num`).innerText();
      const before = await order();
      const numbered = [];
      for (const id of before) if (/^\d+$/.test(await heading(id!))) numbered.push(id!);
      const [first, second] = numbered.slice(-2);
      const firstNumber = await heading(first!);
      const source = page.locator(`[data-testid="outline-panel"] li[data-clause-id="${second}"]`);
      const target = page.locator(`[data-testid="outline-panel"] li[data-clause-id="${first}"]`);
      const box = (await target.boundingBox())!;
      await source.dragTo(target, { targetPosition: { x: box.width / 2, y: 2 } });
      // The moved clause keeps its id and takes the number of the clause it now precedes.
      await expect.poll(() => heading(second!)).toBe(firstNumber);
      const after = await order();
      expect(after.indexOf(second!)).toBeLessThan(after.indexOf(first!));
      expect(new Set(after)).toEqual(new Set(before));
      const editorOrder = await page
        .locator(`section[data-type="clause"][data-id="${first}"], section[data-type="clause"][data-id="${second}"]`)
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
      expect(editorOrder).toEqual([second, first]);
    } finally {
      await close();
    }
  });

  it('shows the requirement at the caret, rejects a label off the pattern and saves a good one', async () => {
    const { page, close } = await openEditor('Labeller');
    try {
      const std = (await (await apiGet(`${server.url}/api/standards/${standardId}`)).json()) as Standard;
      // The first requirement without an editor-set label: its id is automatic until we set one.
      const requirement = findRequirements(std).find((r) => r.label === undefined);
      expect(requirement, 'the example has an unlabelled requirement').toBeTruthy();
      const paragraph = page.locator(`.ProseMirror p[data-id="${requirement!.paragraphId}"]`);
      await paragraph.click();
      await page.getByRole('tab', { name: 'Requirement' }).click();
      const panel = page.locator('[data-testid="requirement-panel"]');
      await expect.poll(() => panel.locator('[data-testid="requirement-id"] strong').innerText()).toBe(requirement!.id);

      const label = panel.locator('input[name="label"]');
      await label.fill('not a label!');
      await panel.locator('.cw-field-error').first().waitFor();
      expect(await panel.locator('button[type="submit"]').isDisabled()).toBe(true);

      const good = exampleLabel(std.meta.requirementPattern);
      await label.fill(good);
      await expect.poll(() => panel.locator('.cw-field-error').count()).toBe(0);
      // A check with a regex that does not compile is refused beside the regex input.
      await panel.getByRole('button', { name: 'Add check' }).click();
      const check = panel.locator('[data-testid="check-0"]');
      await check.locator('select[name="op"]').selectOption('keys-not-match');
      await check.locator('input[name="selector"]').fill('$..properties');
      await check.locator('input[name="regex"]').fill('^(race|ethnicity');
      await check.locator('input[name="message"]').fill('No race attributes.');
      await check.locator('.cw-field-error', { hasText: 'regular expression' }).waitFor();
      await check.locator('input[name="regex"]').fill('^(race|ethnicity)$');
      await expect.poll(() => panel.locator('.cw-field-error').count()).toBe(0);
      await panel.locator('button[type="submit"]').click();
      await expect.poll(() => panel.locator('[data-testid="requirement-id"] strong').innerText()).toBe(good);

      // Saved into the shared document: the server's rule set now carries the label and the check.
      await expect
        .poll(async () => {
          const now = (await (await apiGet(`${server.url}/api/standards/${standardId}/rules.json`)).json()) as {
            rules: { id: string; checks?: { assert: { regex?: string } }[] }[];
          };
          return now.rules.find((r) => r.id === good)?.checks?.[0]?.assert.regex ?? null;
        }, { timeout: 10_000 })
        .toBe('^(race|ethnicity)$');
    } finally {
      await close();
    }
  });

  it('counts clauses and requirements per kind and filters the outline to one kind', async () => {
    const { page, close } = await openEditor('Counter');
    try {
      const std = (await (await apiGet(`${server.url}/api/standards/${standardId}`)).json()) as Standard;
      const requirements = findRequirements(std);
      await page.getByRole('tab', { name: 'Summary' }).click();
      const panel = page.locator('[data-testid="summary-panel"]');
      await expect
        .poll(() => panel.locator('tfoot td[data-count="requirements"]').innerText())
        .toBe(String(requirements.length));
      const policyRequirements = requirements.filter((r) => r.kind === 'policy-recommendation').length;
      expect(policyRequirements).toBeGreaterThan(0);
      expect(await panel.locator('tbody tr[data-kind="policy-recommendation"] td[data-count="requirements"]').innerText()).toBe(
        String(policyRequirements)
      );

      await panel.locator('[data-testid="kind-filter"]').selectOption('policy-recommendation');
      const outline = page.locator('[data-testid="outline-panel"]');
      const policyRow = outline.locator('li:has([data-kind="policy-recommendation"])').first();
      await expect.poll(() => outline.locator('li.dimmed').count()).toBeGreaterThan(0);
      expect(await policyRow.getAttribute('class')).not.toContain('dimmed');
      await panel.locator('[data-testid="kind-filter"]').selectOption('');
      await expect.poll(() => outline.locator('li.dimmed').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('downloads a .docx from the export menu', async () => {
    const { page, close } = await openEditor('Exporter');
    try {
      await page.locator('[data-testid="export-menu"] .cw-export-toggle').click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-testid="export-menu"] a[data-format="docx"]').click()
      ]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const path = artifactPath(`panels-export-${Date.now()}.docx`);
      await download.saveAs(path);
      const bytes = readFileSync(path);
      expect(bytes.byteLength).toBeGreaterThan(2000);
      expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    } finally {
      await close();
    }
  });
});

/** A label matching the standard's pattern, built from its shape (e.g. "FRS-REQ-\\d{2}"). */
function exampleLabel(pattern: string): string {
  const candidates = ['FRS-REQ-99', '[FRS-REQ-99]', 'REQ-99', 'R-99', 'FRS-99'];
  const re = new RegExp(`^(?:${pattern})$`, 'u');
  const found = candidates.find((c) => re.test(c));
  if (!found) throw new Error(`no candidate label matches the example's pattern /${pattern}/`);
  return found;
}
