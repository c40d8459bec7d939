// Self-assessment: a member of the reading group answers the open round (part of it with the
// keyboard), staff close it, and the results show — per part, with the trend — only the table's
// averages.

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

describe('self-assessment', () => {
  test('a member answers, staff close the round, the results show', async () => {
    const page = await newPage(browser, server);
    await signIn(page, 'member', `/i/${server.slug}/tables`);
    await andWaitForPage(page, () => page.getByRole('link', { name: 'Early Grade Reading Working Group' }).first().click());
    const tableUrl = new URL(page.url()).pathname;
    await andWaitForPage(page, () => page.getByRole('link', { name: 'Self-assessment' }).click());
    await page.getByRole('heading', { level: 1, name: 'Self-assessment: Early Grade Reading Working Group' }).waitFor();
    await page.locator('#assessment-chart[data-rendered=true]').waitFor();
    await andWaitForPage(page, () => page.getByRole('link', { name: 'Answer' }).click());
    await page.getByRole('heading', { level: 1, name: 'Self-assessment: Spring 2026' }).waitFor();
    // Leave one out: it is named, and the page keeps what was chosen.
    const groups = page.getByRole('group');
    const count = await groups.count();
    assert.equal(count, 27);
    for (let n = 1; n < count; n++) await groups.nth(n).getByLabel('Agree', { exact: true }).check();
    const refused = await andWaitForPage(page, () => page.getByRole('button', { name: 'Send my answers' }).click());
    assert.equal(refused.status(), 422);
    assert.match(await page.locator('p.field-error').first().textContent(), /Don't know/);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 's-common-agenda', 'the keyboard lands on the statement left out');
    // The first statement with the keyboard: focus its first choice, move along with the arrows.
    const first = page.getByRole('group', { name: 'We share an understanding of the problem we are working on.' });
    await first.getByLabel('Strongly disagree').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.ok(await first.getByLabel('Agree', { exact: true }).isChecked());
    await page.getByRole('group', { name: 'We talk openly about what did not work.' }).getByLabel('Disagree', { exact: true }).check();
    await andWaitForPage(page, () => page.getByRole('button', { name: 'Send my answers' }).click());
    assert.equal(await page.getByRole('status').textContent(), 'Saved.');
    assert.ok(await page.getByRole('link', { name: 'Change your answer' }).isVisible());
    await page.context().close();

    const staff = await newPage(browser, server);
    await signIn(staff, 'director', `${tableUrl}/assessment`);
    assert.match(await staff.locator('#assessment-rounds').textContent(), /5 people have answered so far/);
    await andWaitForPage(staff, () => staff.getByRole('button', { name: 'Close Spring 2026' }).click());
    await staff.getByRole('heading', { level: 2, name: 'Results of Spring 2026' }).waitFor();
    assert.match(await staff.locator('#assessment-results').textContent(), /5 people answered\./);
    await staff.locator('#assessment-chart[data-rendered=true]').waitFor();
    const trend = staff.locator('#assessment-trend');
    assert.equal(await trend.locator('thead th').count(), 5, 'the part, then four rounds');
    assert.match(await trend.getByRole('row', { name: /^Trust and culture/ }).textContent(), /\d\.\d of 5/);
    const culture = staff.locator('table').filter({ has: staff.locator('caption', { hasText: 'Trust and culture' }) }).last();
    assert.match(await culture.getByRole('row', { name: /We talk openly/ }).textContent(), /\d\.\d of 5/);
    staff.assertNoPageErrors();
    await staff.context().close();
  });
});
