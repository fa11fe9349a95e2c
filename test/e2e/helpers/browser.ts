// Browser launch for the end-to-end tests: Debian's Chromium through playwright-core, never a
// downloaded browser. A browser that cannot start is a failure with a clear message, not a skip:
// CI must not pass an e2e suite that never ran.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const ARTIFACTS = join(ROOT, 'test-results');

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage'
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Throws unless the production build the server serves exists (`vite build` runs first). */
export function requireBuild(): void {
  if (!existsSync(join(ROOT, 'build', 'handler.js'))) {
    throw new Error(
      `No production build at ${join(ROOT, 'build')}: the browser tests need it. ` +
        'Run `npx vite build` (the test command is `vite build && vitest run`).'
    );
  }
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install Debian's package ` +
        '(`apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium binary.'
    );
  }
  try {
    return await chromium.launch({ executablePath, headless: true, args: ARGS, timeout: 30_000 });
  } catch (error) {
    throw new Error(
      `Chromium at ${executablePath} could not start: ${error instanceof Error ? error.message : String(error)}`
    );
  }
}

export interface UserPage {
  context: BrowserContext;
  page: Page;
}

/**
 * A fresh browser profile (its own storage, so its own user) with a known display name, and
 * console errors collected so a test can show what went wrong in the page.
 */
export async function openAs(browser: Browser, name: string, color?: string): Promise<UserPage & { errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(
    ({ name, color }) => {
      localStorage.setItem('clausework.user.name', name);
      localStorage.setItem('clausework.user.asked', '1');
      if (color) localStorage.setItem('clausework.user.color', color);
    },
    { name, color }
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { context, page, errors };
}

export function artifactPath(name: string): string {
  return join(ARTIFACTS, name);
}
