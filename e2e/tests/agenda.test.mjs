// The common agenda: every save is a new version with a reason, and versions can be compared.

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

describe('common agenda', () => {
  test('staff edit the agenda; the new version is in the history with its reason, and the comparison shows the change', async () => {
    const page = await newPage(browser, server);
    const agenda = `/i/${server.slug}/agenda`;
    await signIn(page, 'director', agenda);

    await andWaitForPage(page, () => page.getByRole('link', { name: 'Edit the agenda' }).click());
    assert.equal(new URL(page.url()).pathname, `${agenda}/edit`);
    const vision = page.getByLabel('Shared vision');
    const oldVision = await vision.inputValue();
    assert.match(oldVision, /family-sustaining job/, 'the form starts from the current version');
    const newVision = `${oldVision.replace('family-sustaining job', 'well-paid job')} Every family can find help in its own language.`;
    await vision.fill(newVision);
    const reason = 'Resident Table asked that the vision name home languages (meeting of 4 March).';
    await page.getByLabel('Reason for the change').fill(reason);
    const saved = await andWaitForPage(page, () => page.getByRole('button', { name: 'Save as a new version' }).click());

    assert.equal(saved.status(), 200);
    assert.equal(new URL(page.url()).pathname, `${agenda}/history`);
    await page.getByRole('heading', { level: 1, name: 'Version history' }).waitFor();
    const newest = page.locator('li.version').first();
    assert.match(await newest.getByRole('heading', { level: 2 }).textContent(), /^Version 4\b/);
    assert.match(await newest.textContent(), /Current/);
    assert.match(await newest.textContent(), /Danielle Okafor/);
    assert.ok((await newest.textContent()).includes(reason), 'the reason is listed with the version');
    assert.equal(await page.locator('li.version').count(), 4);

    await andWaitForPage(page, () => newest.getByRole('link', { name: 'Compare with the version before' }).click());
    const url = new URL(page.url());
    assert.equal(url.pathname, `${agenda}/compare`);
    assert.equal(url.searchParams.get('from'), '3');
    assert.equal(url.searchParams.get('to'), '4');

    const visionDiff = page.locator('section.diff').filter({
      has: page.getByRole('heading', { level: 3, name: 'Shared vision' }),
    });
    assert.equal(await visionDiff.count(), 1);
    const removed = (await visionDiff.locator('.old del').allTextContents()).join(' ');
    const added = (await visionDiff.locator('.new ins').allTextContents()).join(' ');
    assert.match(removed, /family-sustaining/);
    assert.doesNotMatch(removed, /own language/);
    assert.match(added, /well-paid/);
    assert.match(added, /own language/);
    // Parts that did not change are folded away, marked so, with nothing struck or inserted.
    const problemDiff = page.locator('section.diff').filter({ hasText: 'The problem' });
    const summary = problemDiff.locator('details > summary');
    assert.match(await summary.textContent(), /unchanged/);
    assert.equal(await problemDiff.locator('details').getAttribute('open'), null, 'folded until asked for');
    assert.equal(await problemDiff.locator('del, ins').count(), 0);
    await screenshot(page, 'agenda-compare');

    // The agenda itself now shows the new version.
    await page.goto(agenda);
    assert.match(await page.locator('main').textContent(), /Version 4/);
    assert.ok((await page.locator('main').textContent()).includes('Every family can find help in its own language.'));
    page.assertNoPageErrors();
    await page.context().close();
  });
});
