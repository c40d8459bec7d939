// A working group's monthly cycle in the browser: the chair's staff plan the meeting, the table
// takes a decision by consent, its action item becomes a commitment, and the commitment shows on
// the accountability view and in the feed.

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

const inDays = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

describe('working together', () => {
  test('plan a meeting, decide by consent, turn the action item into a commitment, see it followed up', async () => {
    const director = await newPage(browser, server);
    const slug = server.slug;
    await signIn(director, 'director', `/i/${slug}/meetings`);
    await andWaitForPage(director, () => director.getByRole('link', { name: 'Plan a meeting' }).first().click());
    await director.getByLabel('Table').selectOption({ label: 'Early Grade Reading Working Group' });
    await director.locator('#title').fill('January working session');
    await director.getByLabel('Date').fill(inDays(20));
    await director.getByLabel('Starts at').fill('18:30');
    await director.getByLabel('Length in minutes').fill('90');
    await director.getByLabel('Where').fill('Eastside Library, community room (childcare and Spanish interpretation)');
    await director.getByLabel('Item 1', { exact: true }).fill('Saturday reading rooms: what the first term showed');
    const lead = await director.locator('#item_lead_1 option', { hasText: 'Aaliyah Brooks' }).first().getAttribute('value');
    await director.getByLabel('Who leads item 1').selectOption(lead);
    let answer = await andWaitForPage(director, () => director.getByRole('button', { name: 'Save' }).click());
    assert.equal(answer.status(), 200);
    assert.equal(await director.getByRole('heading', { level: 1 }).textContent(), 'January working session');
    assert.match(await director.locator('main').textContent(), /led by Aaliyah Brooks/);

    // A decision by consent, opened by staff.
    await director.goto(`/i/${slug}/decisions`);
    await andWaitForPage(director, () => director.getByRole('link', { name: 'Open a decision' }).first().click());
    await director.getByLabel('Table').selectOption({ label: 'Early Grade Reading Working Group' });
    await director.locator('#title').fill('Run Saturday reading rooms in all four branches');
    await director.getByLabel('The proposal').fill('Riverbend Reads and the library open all four branches on Saturday mornings from February.');
    await director.getByLabel('How it is decided').selectOption({ label: 'Consent' });
    answer = await andWaitForPage(director, () => director.getByRole('button', { name: 'Save' }).click());
    assert.equal(answer.status(), 200);
    const decisionUrl = director.url();

    // A member of the table consents, as herself.
    const member = await newPage(browser, server);
    await signIn(member, 'member', new URL(decisionUrl).pathname);
    await member.getByLabel('I consent').check();
    answer = await andWaitForPage(member, () => member.getByRole('button', { name: 'Vote' }).click());
    assert.ok(answer.status() < 400);
    assert.match(await member.locator('main').textContent(), /Change your vote/);

    // Staff record the outcome; its action item becomes a commitment.
    await director.goto(decisionUrl);
    await director.getByLabel('What was decided').fill('All four branches open on Saturday mornings from February.');
    await director.getByLabel('Review it on').fill(inDays(120));
    answer = await andWaitForPage(director, () => director.getByRole('button', { name: 'Record the outcome' }).click());
    assert.ok(answer.status() < 400);
    assert.match(await director.locator('main').textContent(), /Consent: no objection/);
    await andWaitForPage(director, () => director.getByRole('link', { name: 'Turn an action item into a commitment' }).click());
    await director.locator('#title').fill('Recruit 30 Saturday tutors from the community college');
    await director.getByLabel('Organisation').selectOption({ label: 'Riverbend Reads' });
    await director.getByLabel('Due').fill(inDays(45));
    answer = await andWaitForPage(director, () => director.getByRole('button', { name: 'Save' }).click());
    assert.equal(answer.status(), 200);
    assert.equal(await director.getByRole('heading', { level: 1 }).textContent(), 'Recruit 30 Saturday tutors from the community college');
    await director.goto(decisionUrl);
    assert.match(await director.locator('#items-h + *, section[aria-labelledby="items-h"]').first().textContent(), /Recruit 30 Saturday tutors/, 'the decision lists its action item');

    // Followed up: the accountability view counts it for Riverbend Reads, the feed tells it.
    await director.goto(`/i/${slug}/accountability`);
    const row = director.locator('#accountability tr[data-organization]').filter({ hasText: 'Riverbend Reads' });
    assert.equal(await row.count(), 1);
    await director.goto(`/i/${slug}/feed`);
    const first = director.locator('#feed li').first();
    assert.match(await first.textContent(), /Commitment made.*Recruit 30 Saturday tutors/s);
    await member.goto(`/i/${slug}/feed?me=1`);
    assert.match(await member.locator('#feed').textContent(), /Recruit 30 Saturday tutors/, 'her table\'s commitment is hers to follow');
    director.assertNoPageErrors();
    member.assertNoPageErrors();
    await director.context().close();
    await member.context().close();
  });

  test('turn the curve beside the chart: revise the plan, make an action a commitment', async () => {
    const director = await newPage(browser, server);
    const slug = server.slug;
    await signIn(director, 'director', `/i/${slug}/indicators/third-grade-reading`);
    const beside = director.locator('#curve-plans');
    assert.match(await beside.textContent(), /Early Grade Reading Working Group.*Version 2/s);
    await andWaitForPage(director, () => beside.getByRole('link', { name: 'Turning the curve' }).click());
    const plan = director.locator('section.curve-plan').first();
    assert.match(await plan.textContent(), /The story behind the curve.*Holding it back.*Action plan/s);
    // The action the table already committed to shows its commitment's standing.
    assert.match(await plan.locator('tr[data-action="align-power-hour"]').textContent(), /On track|Not started|At risk/);

    // The chair's staff add an action from the March meeting, with who and when, and say why.
    await director.locator('#action_title_4').fill('Reading buddies at the Northgate Boys & Girls Club');
    await director.locator('#action_org_4').selectOption({ label: 'Boys & Girls Clubs of Riverbend' });
    await director.locator('#action_due_4').fill(inDays(60));
    await director.locator('#action_leverage_4').selectOption('high');
    await director.getByLabel('Why this new version').fill('Added the reading buddies the Northgate parents asked for');
    let answer = await andWaitForPage(director, () => director.locator('#plan-form').getByRole('button', { name: 'Save' }).click());
    assert.equal(answer.status(), 200);
    const revised = director.locator('section.curve-plan').first();
    assert.match(await revised.textContent(), /Version 3.*Northgate parents asked/s);

    // It becomes the Boys & Girls Clubs' commitment toward third-grade reading.
    const row = revised.locator('tr[data-action="reading-buddies-at-the-northgate-boys-girls-club"]');
    answer = await andWaitForPage(director, () => row.getByRole('button', { name: 'Make it a commitment' }).click());
    assert.equal(answer.status(), 200);
    assert.equal(await director.getByRole('heading', { level: 1 }).textContent(), 'Reading buddies at the Northgate Boys & Girls Club');
    await director.goto(`/i/${slug}/indicators/third-grade-reading/turn-the-curve`);
    assert.match(await director.locator('tr[data-action="reading-buddies-at-the-northgate-boys-girls-club"]').textContent(), /Not started/);
    director.assertNoPageErrors();
    await director.context().close();
  });
});
