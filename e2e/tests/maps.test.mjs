// Places on a map: a resident opens the public map of an indicator, sees the neighbourhoods drawn
// (no tile server: only the places' own shapes) with the table of the same values beside them,
// and picks a neighbourhood to see the programs that reach it and the community assets in it.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from '../lib/server.mjs';
import { launchBrowser, newPage, andWaitForPage } from '../lib/browser.mjs';

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

describe('places on a map', () => {
  test('the public opens an indicator on a map: polygons drawn, the table beside them, a place picked', async () => {
    const page = await newPage(browser, server);
    const outside = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url)) outside.push(r.url());
    });
    await page.goto(`${server.url}/i/${server.slug}/indicators/third-grade-reading`);
    await andWaitForPage(page, () => page.getByRole('link', { name: 'See it on a map' }).click());
    await page.getByRole('heading', { level: 1, name: /on a map$/ }).waitFor();
    // The places are drawn as SVG paths: eight neighbourhoods, three districts and the city.
    const paths = page.locator('#map .leaflet-overlay-pane svg path:not(.asset-pin)');
    await paths.first().waitFor();
    assert.equal(await paths.count(), 12);
    const fills = await paths.evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')));
    assert.ok(fills.filter((f) => /^#[0-9a-f]{6}$/i.test(f ?? '')).length >= 1, `coloured by value: ${fills}`);
    // The table beside the map holds the same places, each with its value or "hidden".
    const rows = page.locator('#map-table tbody tr');
    assert.equal(await rows.count(), 8);
    for (const text of await rows.allTextContents()) {
      assert.match(text, /\d+\.\d%|hidden to protect privacy|no data/, text);
    }
    // Community assets are pins.
    assert.ok((await page.locator('#map path.asset-pin').count()) >= 10, 'the demo assets are pinned');
    // Picking Eastside shows its programs and assets.
    const eastside = await page.locator('#map-table tr[data-code="47302"] th').textContent();
    await page.locator('#map .leaflet-overlay-pane svg path[fill^="#"], #map .leaflet-overlay-pane svg path[fill^="url"]').first().waitFor();
    await page.locator('#map path[data-code="47302"]').dispatchEvent('click');
    const popup = page.locator('.leaflet-popup-content');
    await popup.waitFor();
    const said = await popup.textContent();
    assert.match(said, new RegExp(eastside.trim()));
    assert.match(said, /Mill Street Homes Tenants' Association/, 'its community assets');
    assert.deepEqual(outside, [], 'nothing is fetched from another server');
    page.assertNoPageErrors();
    await page.context().close();
  });
});
