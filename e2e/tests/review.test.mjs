// The review queue: a school district's data steward uploads a file with a correction far from
// the published number; staff open the queue, find the file as one submission, filter it to the
// place in question, see the outlier flagged beside the number published now, and approve the
// whole submission in one action.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from '../lib/server.mjs';
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

async function cellTexts(locator) {
  return (await locator.allTextContents()).map((t) => t.trim());
}

describe('the review queue', () => {
  test('a steward submits a file; staff see it grouped, filter it, see the outlier and approve it whole', async () => {
    // What is published now for third-grade reading, place by place, in the latest year.
    const published = async (place) =>
      (
        await (
          await fetch(`${server.url}/api/v1/initiatives/${server.slug}/indicators/third-grade-reading/data?geography=${place}`)
        ).json()
      ).latest;
    const near = await published('47303');
    const period = near.period;
    assert.equal((await published('47302')).period, period);
    assert.ok(near.numerator && near.denominator, 'the demo publishes 47303');
    const file = {
      name: 'reading-check.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          'indicator,period,geography,groups,numerator,denominator',
          // 47302 sent at 90%: far above the published number.
          `third-grade-reading,${period},47302,,630,700`,
          // 47303 sent a few children different: an ordinary correction.
          `third-grade-reading,${period},47303,,${near.numerator + 3},${near.denominator}`,
          '',
        ].join('\n'),
      ),
    };

    // The steward uploads it on the Data page.
    const steward = await newPage(browser, server);
    await signIn(steward, 'steward', `/i/${server.slug}/data`);
    await steward.getByLabel('Numbers from').selectOption({ label: 'Riverbend Public Schools' });
    await steward.getByLabel('CSV file').setInputFiles(file);
    await andWaitForPage(steward, () => steward.getByRole('button', { name: 'Check the file' }).click());
    await andWaitForPage(steward, () => steward.getByRole('button', { name: /^Import all 2 rows/ }).click());
    assert.match(await steward.getByRole('status').textContent(), /2 corrected/);
    assert.equal(await steward.getByRole('link', { name: /^Review queue/ }).count(), 0, 'stewards do not review');
    steward.assertNoPageErrors();
    await steward.context().close();

    // Staff go from the Data page to the queue: the file is one submission, newest first.
    const staff = await newPage(browser, server);
    await signIn(staff, 'director', `/i/${server.slug}/data`);
    await andWaitForPage(staff, () => staff.getByRole('link', { name: 'Review queue: numbers waiting for review' }).click());
    await staff.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    const rows = staff.locator('#submissions tbody tr');
    assert.ok((await rows.count()) >= 2, 'the demo has submissions waiting too');
    const ours = rows.first();
    const [organization, source, , , waiting] = await cellTexts(ours.locator('td'));
    assert.deepEqual([organization, source, waiting], ['Riverbend Public Schools', 'File reading-check.csv', '2']);
    assert.equal(await rows.filter({ hasText: 'File rps-spring-file.csv' }).count(), 1, "the demo's spring file");
    await screenshot(staff, 'review-queue');

    // Its page, filtered to 47302: one number, flagged, beside the number published now.
    await andWaitForPage(staff, () => ours.getByRole('link', { name: 'Riverbend Public Schools' }).click());
    await staff.getByRole('heading', { level: 1, name: 'Numbers from Riverbend Public Schools' }).waitFor();
    assert.equal(await staff.locator('#review-queue tbody tr').count(), 2);
    await staff.getByLabel('Place').selectOption('47302');
    await andWaitForPage(staff, () => staff.getByRole('button', { name: 'Show', exact: true }).click());
    assert.equal(new URL(staff.url()).searchParams.get('place'), '47302');
    const numbers = staff.locator('#review-queue tbody tr');
    assert.equal(await numbers.count(), 1);
    const cells = await cellTexts(numbers.first().locator('td'));
    assert.deepEqual(cells.slice(1, 8), ['third-grade-reading', period, '47302', '', '630', '700', '90.0%']);
    assert.match(cells[9], /^\+\d+\.\d pts$/, 'the change from the published number');
    assert.equal(cells[10], 'Moved more than 10 points');
    assert.match(await staff.locator('#outlier-note').textContent(), /^1 numbers on this page changed more than usual/);
    await screenshot(staff, 'review-submission');

    // Approving acts on the whole submission, not only the page shown.
    const approved = await andWaitForPage(staff, () => staff.getByRole('button', { name: 'Approve all 2' }).click());
    assert.equal(approved.status(), 200);
    assert.equal(new URL(staff.url()).pathname, `/i/${server.slug}/review`);
    assert.equal(await staff.getByRole('status').textContent(), 'The review is saved.');
    assert.equal(await staff.locator('#submissions tbody tr').filter({ hasText: 'reading-check.csv' }).count(), 0);
    staff.assertNoPageErrors();
    await staff.context().close();

    // Approved is published: the public sees 90% for 47302 now.
    assert.equal((await published('47302')).value, 90);
  });
});
