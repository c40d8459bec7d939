// Partners: backbone staff add organisations through the form; bad answers are explained inline.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from '../lib/server.mjs';
import { launchBrowser, newPage, signIn, andWaitForPage } from '../lib/browser.mjs';

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

const partnerRows = (page) => page.locator('table.data tbody tr');

describe('partner organisations', () => {
  test('a staff member signs in, adds an organisation, and finds it in the partner list', async () => {
    const page = await newPage(browser, server);
    const partners = `/i/${server.slug}/organizations`;
    await signIn(page, 'director', partners);
    await page.getByRole('heading', { level: 1, name: 'Partner organisations' }).waitFor();
    const before = await partnerRows(page).count();
    assert.ok(before > 0, 'the demo has partners');

    await andWaitForPage(page, () => page.getByRole('link', { name: 'Add an organisation' }).click());
    assert.equal(new URL(page.url()).pathname, `${partners}/new`);
    await page.getByLabel('Name').fill('Eastside Reading Circle');
    await page.getByLabel('Sector').selectOption({ label: 'Faith community' });
    await page.getByLabel('Annual budget').selectOption({ label: 'Under $100k' });
    await page.getByLabel('Resident-led or grassroots group').check();
    await page.getByLabel('Service area (ZIP codes)').fill('47302, 47307');
    await page.getByLabel('Website').fill('https://eastside-reading.example.org');
    const saved = await andWaitForPage(page, () => page.getByRole('button', { name: 'Save' }).click());

    assert.equal(saved.status(), 200);
    assert.match(new URL(page.url()).pathname, new RegExp(`^${partners}/\\d+$`));
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Eastside Reading Circle');
    assert.equal(await page.getByRole('status').textContent(), 'Added.');
    const facts = page.locator('dl.facts');
    assert.match(await facts.textContent(), /Faith community/);
    assert.match(await facts.textContent(), /47302, 47307/);

    await andWaitForPage(page, () => page.getByRole('navigation').getByRole('link', { name: 'Partners' }).click());
    assert.equal(await partnerRows(page).count(), before + 1);
    const row = partnerRows(page).filter({ hasText: 'Eastside Reading Circle' });
    assert.equal(await row.count(), 1);
    assert.match(await row.textContent(), /Resident-led/);
    assert.match(await page.locator('p.lead').textContent(), new RegExp(`^${before + 1} organisations`));
    page.assertNoPageErrors();
    await page.context().close();
  });

  test('bad answers are shown next to their fields and nothing is saved', async () => {
    const page = await newPage(browser, server);
    const partners = `/i/${server.slug}/organizations`;
    await signIn(page, 'director', partners);
    const before = await partnerRows(page).count();

    await page.goto(`${partners}/new`);
    await page.getByLabel('Name').fill('   ');
    await page.getByLabel('Service area (ZIP codes)').fill('47302, ABC');
    const res = await andWaitForPage(page, () => page.getByRole('button', { name: 'Save' }).click());

    assert.equal(res.status(), 422);
    assert.match(await page.getByRole('alert').textContent(), /Some answers need attention/);
    const name = page.getByLabel('Name');
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#name-error').textContent(), /is required/);
    const zips = page.getByLabel('Service area (ZIP codes)');
    assert.equal(await zips.getAttribute('aria-invalid'), 'true');
    assert.equal(await zips.inputValue(), '47302, ABC', 'what was typed is kept');
    assert.match(await page.locator('#service_area-error').textContent(), /"ABC" is not a 5-digit ZIP code/);
    // The message is announced with its field.
    assert.equal(await zips.getAttribute('aria-describedby'), 'service_area-error');

    await page.goto(partners);
    assert.equal(await partnerRows(page).count(), before, 'no organisation was added');
    page.assertNoPageErrors();
    await page.context().close();
  });
});
