// A big file's import shows how far it has come while it runs, with no JavaScript needed: the
// answer is streamed, a progress line at a time, then the summary with a link onward.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from '../lib/server.mjs';
import { launchBrowser, newPage, signIn, andWaitForPage, screenshot } from '../lib/browser.mjs';

let server;
let browser;
before(async () => {
  // Every import's page is streamed, however quick (the default waits a second first).
  server = await startDemoServer({ args: ['--progress-after-ms', '0'] });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const cellTexts = async (locator) => (await locator.allTextContents()).map((t) => t.trim());

test('a data steward imports a file of thousands of rows, watches its progress, then reads the summary', async () => {
  const data = `/i/${server.slug}/data`;
  const steward = await newPage(browser, server);
  await signIn(steward, 'steward', data);

  // A file built from the place codes and breakdowns the Data page lists: every place, every
  // school year of the 20th century (the demo's numbers are recent), everyone and each group
  // (groups adding up to less than everyone).
  const places = await cellTexts(steward.locator('#place-codes table').first().locator('tbody tr td:first-child'));
  const breakdowns = await steward.locator('#place-codes table').nth(1).locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => ({
      key: r.querySelector('td code').textContent.trim(),
      values: r.querySelectorAll('td')[1].textContent.split(' · ').map((v) => v.trim()),
    })),
  );
  assert.ok(places.length >= 5 && breakdowns.length >= 1, `places ${places}, breakdowns ${JSON.stringify(breakdowns)}`);
  const lines = ['indicator,period,geography,groups,numerator,denominator'];
  for (let year = 1900; year < 2000; year++) {
    const period = `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
    for (const place of places) {
      lines.push(`third-grade-reading,${period},${place},,600,1200`);
      for (const b of breakdowns) {
        for (const v of b.values) lines.push(`third-grade-reading,${period},${place},${b.key}=${v},40,90`);
      }
    }
  }
  const rows = lines.length - 1;
  assert.ok(rows > 5_000, `${rows} rows`);

  await steward.getByLabel('Numbers from').selectOption({ label: 'Riverbend Public Schools' });
  await steward.getByLabel('CSV file').setInputFiles({
    name: 'reading-two-centuries.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\n') + '\n'),
  });
  const checked = await andWaitForPage(steward, () => steward.getByRole('button', { name: 'Check the file' }).click());
  assert.equal(checked.status(), 200);
  assert.match(
    await steward.locator('#preview-h').locator('..').textContent(),
    new RegExp(`The file has ${rows} rows; ${rows} of them are ready to import\\.`),
  );

  // The answer's frame and first progress line come before the import is done.
  await steward.getByRole('button', { name: `Import all ${rows} rows` }).click();
  const bar = steward.locator('.progress-lines progress').first();
  await bar.waitFor({ state: 'attached' });
  assert.equal(await steward.getByRole('heading', { level: 1 }).textContent(), 'Importing your numbers');
  assert.match(await steward.locator('.progress-lines p').first().textContent(), /\d+% of the file read\. \d+ rows checked, \d+ saved\./);
  assert.equal(await steward.locator('#import-result').count(), 0, 'the import is still running');
  await screenshot(steward, 'import-progress');

  // Then the summary, and the way back.
  const result = steward.locator('#import-result');
  await result.waitFor({ timeout: 120_000 });
  assert.equal((await result.textContent()).trim(), `${rows} new numbers imported and sent for review. 0 corrected, 0 unchanged.`);
  const shown = await steward.locator('.progress-lines p').evaluateAll((ps) => ps.filter((p) => getComputedStyle(p).display !== 'none').length);
  assert.equal(shown, 1, 'only the newest progress line shows');
  await screenshot(steward, 'import-done');
  await andWaitForPage(steward, () => steward.getByRole('link', { name: 'Back to the Data page' }).click());
  assert.equal(new URL(steward.url()).pathname, data);
  assert.match(await steward.getByRole('status').textContent(), new RegExp(`^${rows} new numbers imported`));
  steward.assertNoPageErrors();
  await steward.context().close();
});
