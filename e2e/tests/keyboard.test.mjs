// Keyboard use: everything here is done with Tab, typing and Enter; no mouse.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer, DEMO_PASSWORD } from '../lib/server.mjs';
import { launchBrowser, newPage, andWaitForPage } from '../lib/browser.mjs';

let server;
let browser;
before(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent || '').trim(), type: el.type || '' };
  });

describe('keyboard', () => {
  test('the sign-in form can be completed with Tab and Enter only', async () => {
    const page = await newPage(browser, server);
    const next = `/i/${server.slug}`;
    await page.goto(`/login?next=${encodeURIComponent(next)}`);

    // The first Tab stop is the "Skip to content" link.
    await page.keyboard.press('Tab');
    assert.deepEqual(await focused(page), { tag: 'a', id: '', text: 'Skip to content', type: '' });

    // Tab on until the username field; it must be reached in a few steps, in reading order.
    let steps = 1;
    while ((await focused(page)).id !== 'username') {
      assert.ok(steps < 8, `username field not reached by Tab (focus is on ${JSON.stringify(await focused(page))})`);
      await page.keyboard.press('Tab');
      steps += 1;
    }
    await page.keyboard.type('director');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'password', 'Tab goes from the username to the password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Tab');
    assert.deepEqual(
      await focused(page),
      { tag: 'button', id: '', text: 'Sign in', type: 'submit' },
      'Tab goes from the password to the Sign in button',
    );
    // Back to the password and submit from there with Enter.
    await page.keyboard.press('Shift+Tab');
    assert.equal((await focused(page)).id, 'password');
    const res = await andWaitForPage(page, () => page.keyboard.press('Enter'));

    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, next);
    assert.equal(await page.getByRole('status').textContent(), 'You are signed in.');
    assert.match(await page.locator('header .account').textContent(), /Danielle Okafor/);
    page.assertNoPageErrors();
    await page.context().close();
  });

  test('a wrong password is reported at the password field, and the username is kept', async () => {
    const page = await newPage(browser, server);
    await page.goto('/login');
    await page.getByLabel('Username or e-mail').focus();
    await page.keyboard.type('director');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-the-password');
    const res = await andWaitForPage(page, () => page.keyboard.press('Enter'));

    assert.equal(res.status(), 422);
    const password = page.getByLabel('Password');
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#password-error').textContent(), /username or password is not right/);
    assert.equal(await page.getByLabel('Username or e-mail').inputValue(), 'director', 'the username is kept');
    assert.equal(await password.inputValue(), '', 'the password is never sent back');
    page.assertNoPageErrors();
    await page.context().close();
  });
});
