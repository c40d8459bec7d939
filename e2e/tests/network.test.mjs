// The partner network: a facilitator presents the map (filtered by sector, saved as an image)
// and a data steward answers the open survey round for their organisation.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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

describe('partner network', () => {
  test('a member presents the network: the grassroots cluster apart, two introductions, a sector picked out, the map saved', async () => {
    const page = await newPage(browser, server);
    await signIn(page, 'member', `/i/${server.slug}`);
    await andWaitForPage(page, () => page.getByRole('navigation').getByRole('link', { name: 'Network' }).click());
    await page.getByRole('heading', { level: 2, name: 'The network in Spring 2026' }).waitFor();
    await page.locator('#network-map[data-rendered=true]').waitFor();
    assert.match(await page.locator('p.attention').textContent(), /Westside Tenants Union, Eastside Parents United/);
    const intros = page.locator('#introductions li');
    assert.equal(await intros.count(), 2);
    assert.match(await intros.first().textContent(), /Riverbend Reads and Familias Unidas de Riverbend/);
    // Pick out one sector; the rest fades.
    await page.getByLabel('Show a sector').selectOption({ label: 'Resident-led group' });
    const shown = Number(await page.locator('#network-map').getAttribute('data-shown'));
    assert.ok(shown >= 4 && shown < 41, `only the resident-led groups stand out (${shown})`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save the map as an image' }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^network-\d+\.png$/);
    const bytes = await readFile(await file.path());
    assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
    // The table beside the map: scores only with three raters.
    const table = page.locator('table').filter({ has: page.locator('caption', { hasText: 'Each organisation' }) });
    assert.match(await table.getByRole('row', { name: /^United Way of the Riverbend Region/ }).textContent(), /\d\.\d/);
    page.assertNoPageErrors();
    await page.context().close();
  });

  test('a data steward answers the open round for their organisation', async () => {
    const page = await newPage(browser, server);
    await signIn(page, 'steward', `/i/${server.slug}/network`);
    await andWaitForPage(page, () => page.getByRole('link', { name: 'Answer for Riverbend Public Schools' }).click());
    await page.getByRole('heading', { level: 1, name: 'The partner survey for Riverbend Public Schools' }).waitFor();
    await page.getByLabel('How you work together: Riverbend Reads').selectOption({ label: 'We plan work together' });
    await page.getByLabel('They do what they say: Riverbend Reads').selectOption({ label: '4 – very much' });
    await page.getByLabel('They do what they say: City of Riverbend').selectOption({ label: '3 – fairly' });
    const refused = await andWaitForPage(page, () => page.getByRole('button', { name: 'Send our answers' }).click());
    assert.equal(refused.status(), 422, 'a score for an organisation with no relationship is refused');
    assert.match(await page.locator('p.field-error').first().textContent(), /relationship/);
    await page.getByLabel('They do what they say: City of Riverbend').selectOption({ label: '—' });
    await andWaitForPage(page, () => page.getByRole('button', { name: 'Send our answers' }).click());
    assert.equal(new URL(page.url()).pathname, `/i/${server.slug}/network`);
    assert.equal(await page.getByRole('status').textContent(), 'Saved.');
    page.assertNoPageErrors();
    await page.context().close();
  });
});
