// Mutually reinforcing activities: a partner registers a program, and the working group reads the
// alignment map to see where work is missing and where it may be duplicated.

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

describe('activities and the alignment map', () => {
  test('a data steward registers a program and the alignment map counts it', async () => {
    const page = await newPage(browser, server);
    const activities = `/i/${server.slug}/activities`;
    await signIn(page, 'steward', activities);
    await page.getByRole('heading', { level: 1, name: 'Programs and activities' }).waitFor();
    await andWaitForPage(page, () => page.getByRole('link', { name: 'Register an activity' }).click());

    // A wrong age is explained next to its field, and what was typed stays.
    await page.getByLabel('Name').fill('Books from Home');
    await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Program' });
    await page.getByLabel('For whom').fill('Families who speak Spanish, Hmong or Somali at home');
    await page.getByLabel('Youngest age').fill('three');
    await page.getByLabel('47302 Eastside').check();
    await page.getByLabel('47303 Northgate').check();
    await page.getByLabel('Books and story times in home languages').check();
    let answer = await andWaitForPage(page, () => page.getByRole('button', { name: 'Save' }).click());
    assert.equal(answer.status(), 422);
    assert.equal(await page.locator('#age_min-error').textContent(), 'Write a whole number, like 12.');
    assert.equal(await page.getByLabel('Name').inputValue(), 'Books from Home');
    assert.ok(await page.getByLabel('47303 Northgate').isChecked());

    await page.getByLabel('Youngest age').fill('0');
    await page.getByLabel('Oldest age').fill('8');
    answer = await andWaitForPage(page, () => page.getByRole('button', { name: 'Save' }).click());
    assert.equal(answer.status(), 200);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Books from Home');
    assert.match(await page.locator('dl.facts').textContent(), /47302 Eastside, 47303 Northgate/);

    // The Resident Table's ask now has someone on it; the map says where it still does not reach.
    await page.goto(`/i/${server.slug}/alignment`);
    const gaps = page.locator('#strategy-gaps');
    assert.equal(await gaps.count(), 0, 'no strategy is left without work');
    const row = page.locator('#alignment-map tbody tr').filter({ hasText: 'Books and story times in home languages' });
    assert.match(await row.textContent(), /Riverbend Public Schools/);
    assert.equal(await row.locator('td.covered').count(), 2, 'two ZIP areas reached');
    assert.match(await page.locator('#overlaps').textContent(), /Bright Start Home Visiting/);
    page.assertNoPageErrors();
    await page.context().close();
  });
});
