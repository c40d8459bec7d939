// Representation: the steering committee's one screen of who is and is not at its tables, in
// English and Spanish, and staff adding the community's numbers from a CSV file.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('who is at our tables', () => {
  test('a member compares the Steering Committee with the families it serves, then reads it in Spanish', async () => {
    const page = await newPage(browser, server);
    await signIn(page, 'member', `/i/${server.slug}/tables`);
    await andWaitForPage(page, () => page.getByRole('link', { name: 'Who is at our tables' }).click());
    await page.getByRole('heading', { level: 1, name: 'Who is at our tables' }).waitFor();
    const steering = page.locator('section.representation').filter({ has: page.getByRole('heading', { name: 'Steering Committee' }) });
    const race = steering.locator('table').filter({ has: page.locator('caption', { hasText: 'Race or ethnicity' }) });
    const black = race.getByRole('row', { name: /^Black or African American/ });
    assert.match(await black.textContent(), /Gap closing/);
    const asian = race.getByRole('row', { name: /^Asian/ });
    assert.match(await asian.textContent(), /Fewer/);
    assert.match(await steering.locator('p.attention').textContent(), /Asian/);
    // Members see who holds the seats and leads the agenda, by kind of organisation.
    const voice = steering.locator('table').filter({ has: page.locator('caption', { hasText: 'Voice in the last 12 months' }) });
    assert.match(await voice.getByRole('row', { name: /^Large/ }).textContent(), /\d+ \(\d+%\)/);
    const quarters = steering.locator('table').filter({ has: page.locator('caption', { hasText: 'quarter by quarter' }) });
    assert.equal(await quarters.locator('tbody tr').count(), 4, 'the last four quarters');
    // Another place to compare with.
    await page.getByLabel('Compare with').selectOption({ label: 'Eastside district (Eastside, Northgate, Downtown)' });
    await andWaitForPage(page, () => page.getByRole('button', { name: 'Compare' }).click());
    assert.match(page.url(), /place=eastside/);
    assert.match(await page.locator('main').textContent(), /Compared with the people of Eastside district/);

    await andWaitForPage(page, () => page.getByRole('link', { name: 'Español' }).click());
    await page.getByRole('heading', { level: 1, name: 'Quiénes están en nuestras mesas' }).waitFor();
    assert.match(await page.locator('main').textContent(), /Negro o afroamericano/);
    assert.match(await page.locator('main').textContent(), /La brecha se cierra/);
    page.assertNoPageErrors();
    await page.context().close();
  });

  test('staff add the community\'s numbers from a census file; a bad file says where and saves nothing', async () => {
    const page = await newPage(browser, server);
    await signIn(page, 'director', `/i/${server.slug}/representation`);
    await andWaitForPage(page, () => page.getByRole('link', { name: 'Community numbers' }).click());
    await page.getByRole('heading', { level: 1, name: "The community's numbers" }).waitFor();
    const dir = await mkdtemp(join(tmpdir(), 'backbone-'));
    const bad = join(dir, 'southside-bad.csv');
    await writeFile(bad, 'place,facet,group,estimate,margin_of_error,universe\nsouthside,race_ethnicity,White,many,,8200\n');
    await page.getByLabel('Where the numbers come from').first().fill('ACS 2019-2023, B01001');
    await page.getByLabel('Choose a CSV file').setInputFiles(bad);
    await page.waitForFunction(() => document.getElementById('csv').value.includes('many'));
    const refused = await andWaitForPage(page, () => page.getByRole('button', { name: 'Save the numbers' }).first().click());
    assert.equal(refused.status(), 422);
    assert.match(await page.locator('ul.problems').textContent(), /Row 2, column estimate: “many” is not a whole number/);
    const inUse = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Numbers in use' }) });
    assert.doesNotMatch(await inUse.textContent(), /Southside/, 'nothing of the bad file was saved');

    const good = join(dir, 'southside.csv');
    await writeFile(
      good,
      'place,facet,group,estimate,margin_of_error,universe\n' +
        'southside,race_ethnicity,Black or African American,"4,100",380,8200\n' +
        'southside,race_ethnicity,Hispanic or Latino,2900,300,8200\n' +
        'southside,race_ethnicity,White,600,,8200\n',
    );
    await page.getByLabel('Choose a CSV file').setInputFiles(good);
    await page.waitForFunction(() => document.getElementById('csv').value.includes('4,100'));
    await andWaitForPage(page, () => page.getByRole('button', { name: 'Save the numbers' }).first().click());
    assert.match(new URL(page.url()).pathname, /\/representation$/);
    await page.getByLabel('Compare with').selectOption({ label: 'Southside district (Southside, Harbor Point)' });
    await andWaitForPage(page, () => page.getByRole('button', { name: 'Compare' }).click());
    assert.match(await page.locator('main').textContent(), /Source: ACS 2019-2023, B01001/);
    page.assertNoPageErrors();
    await page.context().close();
  });
});
