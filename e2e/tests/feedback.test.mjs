// "You said, we did": a resident who reads Spanish says the third-grade reading number misses
// something; staff read it and show it; the school district's data steward answers in public.

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

const comment = 'La biblioteca de la escuela Lincoln cerró en octubre y los niños no tienen dónde leer.';

describe('you said, we did', () => {
  test('a resident writes in Spanish, staff show it and the owner answers in public', async () => {
    // The resident, not signed in, reads the public number in Spanish.
    const resident = await newPage(browser, server);
    await resident.goto(`/i/${server.slug}/indicators/third-grade-reading`);
    await andWaitForPage(resident, () => resident.getByRole('link', { name: 'Español' }).click());
    const said = resident.locator('section.said');
    await said.getByRole('heading', { name: 'Ustedes dijeron, nosotros hicimos' }).waitFor();
    assert.equal(await said.locator('p.we-did').count(), 2, 'the demo: two messages answered');
    assert.match(await said.textContent(), /Riverbend Public Schools respondió/);
    await andWaitForPage(resident, () =>
      resident.getByRole('link', { name: '¿Este número coincide con lo que usted ve? Díganos' }).click(),
    );
    await resident.getByRole('heading', { level: 1, name: '¿Este número coincide con lo que usted ve?' }).waitFor();
    await resident.getByLabel('¿Coincide?').selectOption({ label: 'No, no coincide' });
    const refused = await andWaitForPage(resident, () => resident.getByRole('button', { name: 'Enviar' }).click());
    assert.equal(refused.status(), 422, 'saying it does not match needs a word on what is missing');
    await resident.locator('#comment-error').waitFor();
    await resident.getByLabel('¿Qué ve usted?').fill(comment);
    await andWaitForPage(resident, () => resident.getByRole('button', { name: 'Enviar' }).click());
    assert.match(await resident.getByRole('status').textContent(), /El equipo lee cada mensaje antes de mostrarlo/);
    assert.doesNotMatch(await resident.locator('section.said').textContent(), /Lincoln/, 'not shown before staff read it');
    resident.assertNoPageErrors();

    // Staff read it on their page and show it.
    const staff = await newPage(browser, server);
    await signIn(staff, 'director', `/i/${server.slug}`);
    await andWaitForPage(staff, () => staff.getByRole('navigation').getByRole('link', { name: 'Messages' }).click());
    const waiting = staff.locator('article').filter({ hasText: 'Lincoln' });
    await waiting.waitFor();
    await andWaitForPage(staff, () => waiting.getByRole('button', { name: 'Show it', exact: true }).click());
    assert.match(await staff.getByRole('status').textContent(), /Saved/);
    staff.assertNoPageErrors();
    await staff.context().close();

    // The school district's data steward answers it.
    const steward = await newPage(browser, server);
    await signIn(steward, 'steward', `/i/${server.slug}`);
    await andWaitForPage(steward, () => steward.getByRole('navigation').getByRole('link', { name: 'Messages' }).click());
    const mine = steward.locator('article').filter({ hasText: 'Lincoln' });
    await mine.getByLabel('Our answer: what we heard and what we did').fill(
      'The bookmobile stops at Lincoln every Tuesday from January until the library reopens.',
    );
    await andWaitForPage(steward, () => mine.getByRole('button', { name: 'Answer in public' }).click());
    steward.assertNoPageErrors();
    await steward.context().close();

    // The resident sees it beside the number, with the answer, still anonymous.
    await resident.goto(`/i/${server.slug}/indicators/third-grade-reading`);
    const item = resident.locator('article.said-item').filter({ hasText: 'Lincoln' });
    assert.match(await item.textContent(), /Anónimo/);
    assert.match(await item.locator('p.we-did').textContent(), /Riverbend Public Schools respondió: The bookmobile/);
    await resident.context().close();
  });
});
