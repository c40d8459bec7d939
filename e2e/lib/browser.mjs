// Debian's Chromium driven by playwright-core. No browser is ever downloaded: the executable is
// /usr/bin/chromium (or CHROMIUM_PATH), started headless with the network chatter switched off.

import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from './server.mjs';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * A fresh browser context (no cookies) with one page aimed at the server. JavaScript errors on
 * the page are collected; `page.assertNoPageErrors()` fails the test if there were any. Close it
 * with `page.context().close()`.
 */
export async function newPage(browser, server) {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.assertNoPageErrors = () => assert.deepEqual(errors, [], 'the page raised JavaScript errors');
  return page;
}

/**
 * Runs `action` (a click or key press that submits a form or follows a link) and waits for the
 * new document to load. Resolves to the final main-document response (after redirects), so a
 * test can check its status.
 */
export async function andWaitForPage(page, action) {
  const response = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() && r.frame() === page.mainFrame() && !(r.status() >= 300 && r.status() < 400),
  );
  const loaded = page.waitForEvent('load');
  await action();
  const [res] = await Promise.all([response, loaded]);
  return res;
}

/** Signs in through the form, the way a person does, and lands on `next`. */
export async function signIn(page, username, next = '/') {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Username or e-mail').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  const res = await andWaitForPage(page, () => page.getByRole('button', { name: 'Sign in' }).click());
  assert.equal(res.status(), 200, `signing in as ${username} should succeed`);
  assert.equal(new URL(page.url()).pathname, next);
  // The page may say more (a correction waiting, say); the sign-in is said once.
  assert.equal(await page.getByRole('status').filter({ hasText: 'You are signed in.' }).count(), 1);
}

/** Where screenshots go when BACKBONE_E2E_SCREENSHOTS names a folder (never committed). */
export async function screenshot(page, name) {
  const dir = process.env.BACKBONE_E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}
