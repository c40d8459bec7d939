// English and Spanish: a resident reads the public dashboard in either language, the
// initiative's own words in Spanish where they were translated and marked where not yet; staff
// translate what is missing; and a person takes back the answers they shared about themselves.

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

describe('English and Spanish', () => {
  test('the public dashboard reads in English and in Spanish, with the initiative’s own words translated', async () => {
    const visitor = await newPage(browser, server);
    await visitor.goto(`/i/${server.slug}/dashboard`);
    await visitor.getByRole('heading', { level: 1, name: 'Community dashboard' }).waitFor();
    const english = await visitor.locator('.tiles h3').allTextContents();
    assert.ok(english.length >= 6, 'the demo publishes its indicators');
    await screenshot(visitor, 'dashboard-en');

    await andWaitForPage(visitor, () => visitor.getByRole('link', { name: 'Español' }).click());
    await visitor.getByRole('heading', { level: 1, name: 'Tablero de la comunidad' }).waitFor();
    assert.equal(await visitor.locator('html').getAttribute('lang'), 'es');
    const spanish = await visitor.locator('.tiles h3').allTextContents();
    assert.equal(spanish.length, english.length);
    const same = spanish.filter((name, n) => name === english[n]);
    assert.deepEqual(same, [], 'every indicator name on the dashboard is in Spanish');
    assert.equal(await visitor.locator('.tiles .lang-mark').count(), 0, 'no name left in English');
    await screenshot(visitor, 'dashboard-es');

    // The choice is remembered on the next page, and switching back works.
    await visitor.goto(`/i/${server.slug}/agenda`);
    assert.equal(await visitor.locator('html').getAttribute('lang'), 'es');
    await andWaitForPage(visitor, () => visitor.getByRole('link', { name: 'English' }).click());
    assert.equal(await visitor.locator('html').getAttribute('lang'), 'en');
    visitor.assertNoPageErrors();
    await visitor.context().close();
  });

  test('staff translate a text nobody had translated, and Spanish readers see it', async () => {
    const staff = await newPage(browser, server);
    await signIn(staff, 'director', `/i/${server.slug}`);
    await staff.goto(`/i/${server.slug}/translations`);
    await staff.getByRole('heading', { level: 2, name: 'Translations into Spanish' }).waitFor();
    const missing = staff.locator('.translation.missing');
    const before = await missing.count();
    assert.ok(before >= 1, 'the demo leaves texts to translate');
    // The demo left how to join one working group in English: translate that.
    const howToJoin = staff.locator('.translation.missing:has(input[name^="field-"][value="how_to_join"])');
    assert.equal(await howToJoin.count(), 1);
    const box = howToJoin.locator('textarea');
    const original = (await howToJoin.locator('blockquote.original').textContent()).trim();
    await box.fill('Escríbale a la persona de contacto y venga a una reunión.');
    const saved = await andWaitForPage(staff, () => staff.getByRole('button', { name: 'Save the translations' }).click());
    assert.equal(saved.status(), 200);
    assert.equal(await staff.getByRole('status').textContent(), 'Saved.');
    assert.equal(await staff.locator('.translation.missing').count(), before - 1);

    // A resident reading Spanish finds it where the original was.
    const resident = await newPage(browser, server);
    await resident.goto(`/language?to=es&back=/i/${server.slug}/tables`);
    const pages = [`/i/${server.slug}`, `/i/${server.slug}/agenda`, `/i/${server.slug}/tables`];
    for (const link of await resident.locator('main a[href*="/tables/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      pages.push(link);
    }
    let found = false;
    for (const path of pages) {
      await resident.goto(path);
      const text = await resident.locator('main').textContent();
      assert.ok(!text.includes(original), `${path} no longer shows the English original`);
      if (text.includes('Escríbale a la persona de contacto y venga a una reunión.')) found = true;
    }
    assert.ok(found, 'the translation is shown');
    await staff.context().close();
    await resident.context().close();
  });

  test('a resident sees what she shared about herself and takes it back', async () => {
    const resident = await newPage(browser, server);
    await signIn(resident, 'resident', `/i/${server.slug}`);
    await andWaitForPage(resident, () => resident.getByRole('link', { name: 'What I shared' }).click());
    await resident.getByRole('heading', { level: 1, name: 'What I shared' }).waitFor();
    await resident.getByText('You are sharing answers now.').waitFor();
    assert.equal(await resident.getByLabel('Race or ethnicity').inputValue(), 'Black or African American');
    await andWaitForPage(resident, () => resident.getByRole('button', { name: 'Take back my answers' }).click());
    assert.equal(await resident.getByRole('status').textContent(), 'Your answers were taken back and erased.');
    await resident.getByText('You are not sharing any answers.').waitFor();
    assert.equal(await resident.getByLabel('Race or ethnicity').inputValue(), '');
    resident.assertNoPageErrors();
    await resident.context().close();
  });
});
