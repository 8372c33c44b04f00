import { test, expect } from '../fixtures/extension.js';
import { startTestSites } from '../fixtures/test-sites.js';

test('the popup opens in the loaded extension and shows the first-run screen', async ({ openPopup, extensionId }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  const popup = await openPopup();
  await expect(popup.getByRole('heading', { name: 'Welcome to Keyhold' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Create a new vault' })).toBeVisible();
});

test('the test sites serve distinct origins over HTTP and HTTPS', async ({ context }) => {
  const sites = await startTestSites();
  try {
    const origins = [sites.httpIp, sites.httpLocalhost, sites.httpsIp, sites.httpsLocalhost].map((s) => s.origin);
    expect(new Set(origins).size).toBe(4);
    const page = await context.newPage();
    for (const site of [sites.httpIp, sites.httpsLocalhost]) {
      await page.goto(site.url('/'));
      await expect(page.locator('#origin')).toHaveText(site.origin);
    }
  } finally {
    await sites.close();
  }
});
