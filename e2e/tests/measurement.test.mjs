// Shared measurement: the public reads the community dashboard and an indicator broken down by
// group; data stewards upload numbers with a check before anything is saved; backbone staff
// review them before they reach the dashboard.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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

const tabs = (page) => page.getByRole('navigation', { name: 'Initiative sections' });
const tabNames = async (page) => (await tabs(page).getByRole('link').allTextContents()).map((t) => t.trim());
const cellTexts = async (locator) => (await locator.allTextContents()).map((t) => t.trim());

describe('community dashboard', () => {
  test('the public follows the third-grade reading tile, breaks it down by race and ethnicity, and gets the chart, the table with hidden small counts, a plain summary and the CSV; the unpublished indicator is not reachable', async () => {
    const page = await newPage(browser, server);
    const home = `/i/${server.slug}`;
    await page.goto(home);
    const dash = await andWaitForPage(page, () => tabs(page).getByRole('link', { name: 'Dashboard' }).click());
    assert.equal(dash.status(), 200);
    assert.equal(new URL(page.url()).pathname, `${home}/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Community dashboard' }).waitFor();
    assert.match(await page.locator('p.lead').textContent(), /Numbers about fewer than 10 people are hidden/);

    // One tile per published indicator, grouped under the results of the agenda.
    const tileLinks = page.locator('li.tile h3 a');
    const hrefs = await tileLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.includes(`${home}/indicators/third-grade-reading`), `tiles: ${hrefs}`);
    assert.ok(!hrefs.includes(`${home}/indicators/eighth-grade-math`), 'the unpublished indicator has no tile');
    assert.equal(await page.getByText('Not public').count(), 0, 'the public sees no "Not public" badges');
    const readingTile = page.locator('li.tile').filter({
      has: page.getByRole('link', { name: 'Third graders reading at grade level' }),
    });
    assert.equal(await readingTile.count(), 1);
    assert.match(await readingTile.locator('.tile-value').textContent(), /^\d+\.\d% \d{4}-\d{2}$/);
    await screenshot(page, 'dashboard-public');

    await andWaitForPage(page, () => readingTile.getByRole('link', { name: 'Third graders reading at grade level' }).click());
    const indicator = `${home}/indicators/third-grade-reading`;
    assert.equal(new URL(page.url()).pathname, indicator);
    await page.getByRole('heading', { level: 1, name: 'Third graders reading at grade level' }).waitFor();
    assert.equal(await page.getByLabel('Place').inputValue(), 'riverbend', 'the whole community is shown first');
    assert.equal(await page.getByLabel('Break down by').inputValue(), '', 'everyone together, until asked');
    assert.deepEqual(await cellTexts(page.locator('#indicator-table thead th')), ['Period', 'Everyone']);

    await page.getByLabel('Break down by').selectOption({ label: 'Race and ethnicity' });
    const shown = await andWaitForPage(page, () => page.getByRole('button', { name: 'Show' }).click());
    assert.equal(shown.status(), 200);
    const url = new URL(page.url());
    assert.equal(url.pathname, indicator);
    assert.equal(url.searchParams.get('dimension'), 'race_ethnicity');
    assert.equal(await page.getByLabel('Break down by').inputValue(), 'race_ethnicity', 'the choice is kept');

    // The chart is drawn by Chart.js from the data on the canvas.
    const chart = page.locator('canvas#indicator-chart');
    await page.locator('canvas#indicator-chart[data-rendered="true"]').waitFor();
    assert.equal(await chart.getAttribute('aria-label'), 'Chart of Third graders reading at grade level over time');
    const series = JSON.parse(await chart.getAttribute('data-chart')).series.map((s) => s.label);
    assert.ok(series.includes('Hispanic or Latino'), `chart series: ${series}`);
    const drawn = await chart.evaluate((canvas) => {
      const c = window.Chart.getChart(canvas);
      return { lines: c.data.datasets.map((d) => d.label), width: c.width, height: c.height };
    });
    assert.deepEqual(drawn.lines, series, 'one line per series, groups included');
    assert.ok(drawn.width > 300 && drawn.height > 150, `the chart has room: ${drawn.width}×${drawn.height}`);

    // The same numbers in a table: a column per group, small counts hidden.
    const table = page.locator('#indicator-table');
    const header = await cellTexts(table.locator('thead th'));
    assert.deepEqual(header.slice(0, 2), ['Period', 'Everyone']);
    for (const group of ['Asian', 'Black or African American', 'Hispanic or Latino', 'White']) {
      assert.ok(header.includes(group), `table columns: ${header}`);
    }
    const rows = table.locator('tbody tr');
    assert.ok((await rows.count()) >= 10, 'ten-plus years of numbers');
    for (const row of await rows.all()) {
      assert.match(await row.locator('th').textContent(), /^\d{4}-\d{2}$/);
      assert.equal(await row.locator('td').count(), header.length - 1, 'one cell per column');
    }
    const cells = await cellTexts(table.locator('tbody td'));
    assert.ok(cells.includes('hidden'), 'at least one small count is hidden');
    assert.ok(
      cells.every((c) => c === 'hidden' || /^\d+\.\d%$/.test(c)),
      `every cell is a percentage or hidden: ${cells.filter((c) => c !== 'hidden' && !/^\d+\.\d%$/.test(c))}`,
    );

    // In plain words.
    const summary = page.getByRole('region', { name: 'In plain words' });
    const lines = await cellTexts(summary.getByRole('listitem'));
    assert.match(lines[0], /^In \d{4}-\d{2} the number was \d+\.\d%\.$/);
    assert.ok(lines.some((l) => /^The largest gap: .+ are \d+\.\d points behind /.test(l)), `summary: ${lines}`);
    assert.ok(lines.some((l) => /hidden because they describe fewer than 10 people/.test(l)), `summary: ${lines}`);

    // The gaps between groups.
    const equity = page.locator('section').filter({
      has: page.getByRole('heading', { level: 2, name: 'Gaps between groups' }),
    });
    assert.equal(await equity.count(), 1);
    assert.deepEqual(await cellTexts(equity.locator('thead th')), ['Group', 'Value', 'Gap (points)', 'Gap is']);
    assert.ok((await equity.locator('tbody tr').count()) >= 2);
    await screenshot(page, 'indicator-race-ethnicity');

    // The CSV has what the page shows, for the same place and breakdown.
    const download = page.getByRole('link', { name: 'Download CSV' });
    const href = new URL(await download.getAttribute('href'), server.url);
    assert.equal(href.pathname, `${indicator}/data.csv`);
    assert.equal(href.searchParams.get('dimension'), 'race_ethnicity');
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    assert.equal(file.suggestedFilename(), 'third-grade-reading-riverbend.csv');
    const csv = await readFile(await file.path(), 'utf8');
    assert.ok(csv.startsWith('indicator,period'), `the CSV starts with its header: ${csv.slice(0, 80)}`);
    assert.match(csv, /^third-grade-reading,\d{4}-\d{2},riverbend,Hispanic or Latino,\d/m);
    assert.match(csv, /^third-grade-reading,\d{4}-\d{2},riverbend,[^,\n]+,,,,suppressed$/m, 'hidden numbers stay hidden');

    // The unpublished indicator is not there for the public, by any door.
    const unpublished = await page.goto(`${home}/indicators/eighth-grade-math`);
    assert.equal(unpublished.status(), 404);
    assert.doesNotMatch(await page.locator('main').textContent(), /Eighth graders/);
    const unpublishedCsv = await page.request.get(`${home}/indicators/eighth-grade-math/data.csv`);
    assert.equal(unpublishedCsv.status(), 404);
    page.assertNoPageErrors();
    await page.context().close();
  });

  test('a signed-in member sees the unpublished indicator, marked as not public', async () => {
    const page = await newPage(browser, server);
    const dashboard = `/i/${server.slug}/dashboard`;
    await signIn(page, 'member', dashboard);
    const tile = page.locator('li.tile').filter({
      has: page.getByRole('link', { name: 'Eighth graders meeting the standard in math' }),
    });
    assert.equal(await tile.count(), 1);
    assert.match(await tile.textContent(), /Not public/);
    const res = await andWaitForPage(page, () =>
      tile.getByRole('link', { name: 'Eighth graders meeting the standard in math' }).click(),
    );
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, `/i/${server.slug}/indicators/eighth-grade-math`);
    await page.locator('canvas#indicator-chart[data-rendered="true"]').waitFor();
    page.assertNoPageErrors();
    await page.context().close();
  });
});

describe('places', () => {
  test('the public walks down from the whole community to a district and one of its ZIP codes, with the place picker and the table of places', async () => {
    const page = await newPage(browser, server);
    const indicator = `/i/${server.slug}/indicators/third-grade-reading`;
    await page.goto(indicator);
    const picker = page.getByLabel('Place');
    const choices = async () => (await picker.locator('option').allTextContents()).map((t) => t.trim());
    assert.deepEqual((await choices()).slice(0, 1), ['Riverbend']);
    assert.equal(await picker.locator('optgroup[label="Places inside Riverbend"] option').count(), 3, 'the three districts, not every ZIP');

    // Down one level with the picker.
    await picker.selectOption({ label: 'Oak Hill district (Oak Hill, Riverside, Westside)' });
    await andWaitForPage(page, () => page.getByRole('button', { name: 'Show' }).click());
    assert.equal(new URL(page.url()).searchParams.get('geography'), 'oak-hill');
    assert.equal(await picker.inputValue(), 'oak-hill');
    const inside = await picker.locator('optgroup option').allTextContents();
    assert.equal(inside.length, 3, `the district's ZIP codes: ${inside}`);
    assert.ok((await choices()).includes('Riverbend'), 'the way back up is in the list');

    // And down again from the table of places.
    const places = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: /^Places within / }) });
    const zip = places.getByRole('link').first();
    const zipName = (await zip.textContent()).trim();
    await andWaitForPage(page, () => zip.click());
    assert.equal(await picker.locator('option:checked').textContent(), zipName);
    page.assertNoPageErrors();
    await page.context().close();
  });
});

describe('submitting and reviewing numbers', () => {
  test('a data steward saves a file as a draft, which nobody reviews until the steward sends it', async () => {
    const data = `/i/${server.slug}/data`;
    const steward = await newPage(browser, server);
    await signIn(steward, 'steward', data);
    await steward.getByLabel('Numbers from').selectOption({ label: 'Riverbend Public Schools' });
    await steward.getByLabel('CSV file').setInputFiles({
      name: 'reading-2027-28.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('indicator,period,geography,groups,numerator,denominator\nthird-grade-reading,2027-28,riverbend,,1700,3950\n'),
    });
    await andWaitForPage(steward, () => steward.getByRole('button', { name: 'Check the file' }).click());
    await andWaitForPage(steward, () => steward.getByRole('button', { name: 'Save as a draft instead' }).click());
    assert.match(await steward.getByRole('status').textContent(), /^1 new number saved as a draft\./);
    const drafts = steward.getByRole('region', { name: 'Drafts' });
    assert.match(await drafts.textContent(), /Riverbend Public Schools: 1 number saved as a draft/);

    // Staff do not see it in the review queue yet.
    const director = await newPage(browser, server);
    const queue = `/i/${server.slug}/review`;
    await signIn(director, 'director', queue);
    const sentDrafts = () =>
      director
        .locator('#submissions tbody tr')
        .filter({ hasText: 'Riverbend Public Schools' })
        .filter({ hasText: 'Drafts sent for review' });
    assert.equal(await sentDrafts().count(), 0);

    await andWaitForPage(steward, () => drafts.getByRole('button', { name: 'Send them for review' }).click());
    assert.equal(await steward.getByRole('status').textContent(), '1 draft sent for review.');
    assert.equal(await steward.getByRole('region', { name: 'Drafts' }).count(), 0, 'no drafts left');
    await director.reload();
    assert.equal(await sentDrafts().count(), 1, 'sending the drafts is one submission in the queue');
    await andWaitForPage(director, () => sentDrafts().getByRole('link', { name: 'Riverbend Public Schools' }).click());
    assert.equal(await director.locator('#review-queue tbody tr').filter({ hasText: '2027-28' }).count(), 1);
    steward.assertNoPageErrors();
    director.assertNoPageErrors();
    await steward.context().close();
    await director.context().close();
  });

  test('a data steward uploads a file with a bad row, sees the problem by row and column with nothing imported, imports only the valid row; staff approve it and it leaves the queue', async () => {
    const data = `/i/${server.slug}/data`;
    const indicator = `/i/${server.slug}/indicators/third-grade-reading`;
    const file = {
      name: 'reading-2026-27.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          'indicator,period,geography,groups,numerator,denominator',
          'third-grade-reading,2026-27,riverbend,,1650,3900',
          'third-grade-reading,2026-27,47302,,900,800',
          '',
        ].join('\n'),
      ),
    };

    // The steward checks the file first.
    const steward = await newPage(browser, server);
    await signIn(steward, 'steward', `/i/${server.slug}/dashboard`);
    await andWaitForPage(steward, () => tabs(steward).getByRole('link', { name: 'Data' }).click());
    assert.equal(new URL(steward.url()).pathname, data);
    await steward.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
    assert.equal(await steward.getByRole('link', { name: /^Review queue/ }).count(), 0, 'reviewing is for staff only');
    await steward.getByLabel('Numbers from').selectOption({ label: 'Riverbend Public Schools' });
    await steward.getByLabel('CSV file').setInputFiles(file);
    const checked = await andWaitForPage(steward, () => steward.getByRole('button', { name: 'Check the file' }).click());
    assert.equal(checked.status(), 200);

    const preview = steward.getByRole('region', { name: 'Checked: numbers from Riverbend Public Schools' });
    assert.match(await preview.textContent(), /The file has 2 rows; 1 of them are ready to import\./);
    assert.equal(
      (await preview.getByRole('alert').textContent()).trim(),
      '1 row has problems. Nothing has been imported.',
    );
    const problems = steward.locator('#upload-errors');
    assert.deepEqual(await cellTexts(problems.locator('thead th')), ['Row', 'Column', 'Problem']);
    assert.equal(await problems.locator('tbody tr').count(), 1);
    const [row, column, problem] = await cellTexts(problems.locator('tbody tr').first().locator('td'));
    assert.equal(row, '3', 'row 1 is the header, so the second number is row 3');
    assert.equal(column, 'numerator');
    assert.match(problem, /^900 is more than the denominator 800/);
    const ready = await cellTexts(steward.locator('#upload-preview tbody tr').first().locator('td'));
    assert.deepEqual(ready, ['third-grade-reading', '2026-27', 'riverbend', '', '1650', '3900']);
    assert.equal(await steward.getByRole('button', { name: /^Import all/ }).count(), 0);
    assert.equal(await steward.getByRole('button', { name: 'Save as a draft instead' }).count(), 1, 'or keep it as a draft');
    await screenshot(steward, 'data-upload-preview');

    // Checking saved nothing: the steward, who may see raw numbers, finds no 2026-27 yet.
    const elsewhere = await steward.context().newPage();
    await elsewhere.goto(indicator);
    assert.doesNotMatch(await elsewhere.locator('#indicator-table').textContent(), /2026-27/);
    await elsewhere.close();

    const imported = await andWaitForPage(steward, () =>
      steward.getByRole('button', { name: 'Import only the 1 valid rows' }).click(),
    );
    assert.equal(imported.status(), 200);
    assert.equal(new URL(steward.url()).pathname, data);
    assert.equal(
      await steward.getByRole('status').textContent(),
      '1 new number imported and sent for review. 0 corrected, 0 unchanged.',
    );
    assert.equal(await steward.locator('#upload-errors').count(), 0, 'the preview is gone');
    steward.assertNoPageErrors();
    await steward.context().close();

    // Submitted is not yet public.
    const publicPage = await newPage(browser, server);
    await publicPage.goto(indicator);
    assert.doesNotMatch(await publicPage.locator('#indicator-table').textContent(), /2026-27/);

    // Staff review it in the review queue: the file is one submission.
    const director = await newPage(browser, server);
    const queuePage = `/i/${server.slug}/review`;
    await signIn(director, 'director', queuePage);
    const submission = director.locator('#submissions tbody tr').filter({ hasText: 'File reading-2026-27.csv' });
    assert.equal(await submission.count(), 1);
    await andWaitForPage(director, () => submission.getByRole('link', { name: 'Riverbend Public Schools' }).click());
    const queue = director.locator('#review-queue');
    assert.equal(await queue.locator('tbody tr').count(), 1, 'the valid row only');
    const ours = queue.locator('tbody tr').filter({ hasText: '2026-27' });
    assert.deepEqual((await cellTexts(ours.locator('td'))).slice(1), [
      'third-grade-reading',
      '2026-27',
      'riverbend',
      '',
      '1650',
      '3900',
      '42.3%',
      '—', // a new number: nothing of it is published yet
      '',
      '',
    ]);
    await screenshot(director, 'data-review-queue');
    await director.getByRole('checkbox', { name: 'Select third-grade-reading, 2026-27' }).check();
    const reviewed = await andWaitForPage(director, () =>
      director.getByRole('button', { name: 'Approve selected' }).click(),
    );
    assert.equal(reviewed.status(), 200);
    assert.equal(await director.getByRole('status').textContent(), 'The review is saved.');
    await director.getByText('No numbers here with these filters.').waitFor();
    assert.equal(await director.getByRole('checkbox', { name: 'Select third-grade-reading, 2026-27' }).count(), 0);
    director.assertNoPageErrors();
    await director.context().close();

    // Approved, it is on the public indicator page: 1650 of 3900.
    await publicPage.goto(indicator);
    const newest = publicPage.locator('#indicator-table tbody tr').filter({ hasText: '2026-27' });
    assert.deepEqual(await cellTexts(newest.locator('th, td')), ['2026-27', '42.3%']);
    publicPage.assertNoPageErrors();
    await publicPage.context().close();
  });
});

describe('who may submit numbers', () => {
  test('the public has no Data tab and is refused the Data page (401)', async () => {
    const page = await newPage(browser, server);
    const home = `/i/${server.slug}`;
    await page.goto(`${home}/dashboard`);
    const names = await tabNames(page);
    assert.ok(names.includes('Dashboard'), `public tabs: ${names}`);
    assert.ok(!names.includes('Data'), `public tabs: ${names}`);
    assert.equal(await page.locator('main').getByRole('link', { name: 'Data', exact: true }).count(), 0);

    const res = await page.goto(`${home}/data`);
    assert.equal(res.status(), 401);
    await page.getByRole('heading', { level: 1, name: 'Please sign in' }).waitFor();
    assert.equal(await page.locator('form[action$="/data/upload"]').count(), 0, 'no upload form');
    assert.equal(await page.locator('#review-queue').count(), 0, 'no review queue');
    const signInHere = page.locator('main').getByRole('link', { name: 'Sign in' });
    const next = new URL(await signInHere.getAttribute('href'), server.url).searchParams.get('next');
    assert.equal(next, `${home}/data`);
    page.assertNoPageErrors();
    await page.context().close();
  });

  test('a member who is not a data steward has no Data tab and is refused the Data page (403)', async () => {
    const page = await newPage(browser, server);
    const home = `/i/${server.slug}`;
    await signIn(page, 'member', `${home}/dashboard`);
    assert.ok(!(await tabNames(page)).includes('Data'));
    const res = await page.goto(`${home}/data`);
    assert.equal(res.status(), 403);
    assert.match(await page.locator('main').textContent(), /does not allow this/);
    page.assertNoPageErrors();
    await page.context().close();
  });
});
