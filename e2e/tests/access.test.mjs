// Who sees what: the public sees a published initiative but never its people; members see only
// what their role allows.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer, DEMO_PASSWORD } from '../lib/server.mjs';
import { launchBrowser, newPage, signIn, andWaitForPage, screenshot } from '../lib/browser.mjs';

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

const tabNames = async (page) =>
  (await page.getByRole('navigation', { name: 'Initiative sections' }).getByRole('link').allTextContents()).map((t) =>
    t.trim(),
  );

describe('access', () => {
  test('the public sees the published overview but no People tab, is refused the People page (401), and gets there by signing in as a member', async () => {
    const page = await newPage(browser, server);
    const home = `/i/${server.slug}`;
    const res = await page.goto(home);
    assert.equal(res.status(), 200);
    assert.equal(
      await page.getByRole('heading', { level: 1 }).textContent(),
      'Riverbend Cradle to Career Partnership',
    );
    assert.match(await page.locator('main').textContent(), /Common agenda/);
    const tabs = await tabNames(page);
    for (const tab of ['Overview', 'Common agenda', 'Partners', 'Tables']) assert.ok(tabs.includes(tab), `public tabs: ${tabs}`);
    for (const tab of ['People', 'Audit log', 'Settings']) assert.ok(!tabs.includes(tab), `public tabs: ${tabs}`);
    // Counts of people are for members only.
    assert.doesNotMatch(await page.locator('dl.stats').textContent(), /People/);
    await screenshot(page, 'initiative-home-public');

    const people = await page.goto(`${home}/people`);
    assert.equal(people.status(), 401);
    const main = await page.locator('main').textContent();
    assert.doesNotMatch(main, /Danielle Okafor|Aaliyah Brooks/, 'no names leak onto the refusal page');
    // The refusal offers a way in that comes back to the page afterwards.
    const signInHere = page.locator('main').getByRole('link', { name: 'Sign in' });
    assert.equal(await signInHere.count(), 1);
    const next = new URL(await signInHere.getAttribute('href'), server.url).searchParams.get('next');
    assert.equal(next, `${home}/people`);

    const person = await page.goto(`${home}/people/1`);
    assert.ok([401, 404].includes(person.status()), `a person's page is refused too (got ${person.status()})`);

    // Following "Sign in" from the refusal and signing in as a member leads back to the People page.
    await page.goto(`${home}/people`);
    await andWaitForPage(page, () => page.locator('main').getByRole('link', { name: 'Sign in' }).click());
    await page.getByLabel('Username or e-mail').fill('member');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    const back = await andWaitForPage(page, () => page.getByRole('button', { name: 'Sign in' }).click());
    assert.equal(back.status(), 200);
    assert.equal(new URL(page.url()).pathname, `${home}/people`);
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    page.assertNoPageErrors();
    await page.context().close();
  });

  test('a working-group member sees the People tab but is refused the audit log', async () => {
    const page = await newPage(browser, server);
    const home = `/i/${server.slug}`;
    await signIn(page, 'member', home);
    const tabs = await tabNames(page);
    assert.ok(tabs.includes('People'), `member tabs: ${tabs}`);
    assert.ok(!tabs.includes('Audit log') && !tabs.includes('Settings'), `member tabs: ${tabs}`);

    const people = await andWaitForPage(page, () =>
      page.getByRole('navigation', { name: 'Initiative sections' }).getByRole('link', { name: 'People' }).click(),
    );
    assert.equal(people.status(), 200);

    const audit = await page.goto(`${home}/audit`);
    assert.equal(audit.status(), 403);
    assert.match(await page.locator('main').textContent(), /does not allow this/);
    const settings = await page.goto(`${home}/settings`);
    assert.equal(settings.status(), 403);
    page.assertNoPageErrors();
    await page.context().close();
  });

  test('an admin sees every tab, including the audit log', async () => {
    const page = await newPage(browser, server);
    const home = `/i/${server.slug}`;
    await signIn(page, 'datalead', home);
    const tabs = await tabNames(page);
    for (const tab of ['Overview', 'Common agenda', 'Partners', 'People', 'Tables', 'Audit log', 'Settings']) {
      assert.ok(tabs.includes(tab), `admin tabs: ${tabs}`);
    }
    await screenshot(page, 'initiative-home-admin');
    const audit = await andWaitForPage(page, () => page.getByRole('link', { name: 'Audit log' }).click());
    assert.equal(audit.status(), 200);
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    page.assertNoPageErrors();
    await page.context().close();
  });
});
