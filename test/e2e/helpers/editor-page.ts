// What the e2e tests read from and do to the editor page, the way a user sees it.

import type { Page } from 'playwright-core';

/** Opens a standard's editor and waits until the document has arrived from the server. */
export async function openEditor(page: Page, baseUrl: string, standardId: string): Promise<void> {
  await page.goto(`${baseUrl}/standards/${encodeURIComponent(standardId)}`);
  await page.waitForSelector('.ProseMirror section[data-type="clause"]', { timeout: 20_000 });
}

/** The document's visible text, without co-authors' caret labels. */
export function documentText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const root = document.querySelector('.ProseMirror');
    if (!root) return '';
    const copy = root.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((el) => el.remove());
    return copy.textContent ?? '';
  });
}

/** Puts the caret at the end of the first paragraph of the top-level clause with `role`. */
export async function clickIntoClause(page: Page, role: string): Promise<void> {
  const paragraph = page.locator(`.ProseMirror > section[data-role="${role}"] > p`).first();
  await paragraph.click();
  await page.keyboard.press('End');
}

/** Creates a standard through the list page's form; resolves to its id once the editor opened. */
export async function createStandardThroughUi(
  page: Page,
  baseUrl: string,
  fields: { title: string; designation: string; series?: string; studyGroup?: string }
): Promise<string> {
  await page.goto(baseUrl + '/');
  await page.fill('#new-title', fields.title);
  await page.fill('#new-designation', fields.designation);
  if (fields.series) await page.fill('#new-series', fields.series);
  if (fields.studyGroup) await page.fill('#new-study-group', fields.studyGroup);
  await page.click('button:has-text("Create standard")');
  await page.waitForURL(/\/standards\/[^/]+$/, { timeout: 20_000 });
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  await page.waitForSelector('.ProseMirror section[data-type="clause"]', { timeout: 20_000 });
  return id;
}

/** Polls `read` until `accept` holds; fails with the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeout = 15_000
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}
