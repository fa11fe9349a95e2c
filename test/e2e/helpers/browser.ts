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

/** What openAs needs of a test account (test/helpers/server.ts TestAccount has it). */
export interface SignedInAccount {
  token: string;
  user: { name: string };
}

export interface OpenOptions {
  /** The server the session cookie is for; any port of 127.0.0.1 by default (cookies ignore ports). */
  url?: string;
  /** Before accounts: a colour for a name-only profile (kept for old callers; unused with accounts). */
  color?: string;
}

/**
 * A fresh browser profile (its own cookies and storage), with console errors collected so a test
 * can show what went wrong in the page. Given an account, the profile is signed in as it: the
 * account's session token goes in as the HttpOnly `session` cookie, as logging in would leave it.
 * Given a bare name (the form before accounts), the profile is not signed in.
 */
export async function openAs(
  browser: Browser,
  who: string | SignedInAccount,
  options: string | OpenOptions = {}
): Promise<UserPage & { errors: string[]; name: string }> {
  const { url, color } = typeof options === 'string' ? { color: options, url: undefined } : options;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const name = typeof who === 'string' ? who : who.user.name;
  if (typeof who === 'string') {
    // Profiles before accounts named themselves in local storage; harmless now.
    await context.addInitScript(
      ({ name, color }) => {
        localStorage.setItem('clausework.user.name', name);
        localStorage.setItem('clausework.user.asked', '1');
        if (color) localStorage.setItem('clausework.user.color', color);
      },
      { name, color }
    );
  } else {
    await context.addCookies([sessionCookie(who.token, url)]);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { context, page, errors, name };
}

/** The `session` cookie as the server sets it (HttpOnly, SameSite=Lax, Path=/). */
export function sessionCookie(token: string, url?: string) {
  const common = { name: 'session', value: token, httpOnly: true, sameSite: 'Lax' as const };
  return url ? { ...common, url } : { ...common, domain: '127.0.0.1', path: '/' };
}

export function artifactPath(name: string): string {
  return join(ARTIFACTS, name);
}
