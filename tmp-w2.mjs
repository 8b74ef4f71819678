import { chromium } from 'playwright-core';
const [url, phase] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const p = await b.newPage({ viewport: { width: 1280, height: 800 } });
await p.goto(url);
await p.waitForTimeout(2500);
if (phase === '1') {
  for (let i = 0; i < 8; i++) { await p.keyboard.press('Tab'); const n = await p.evaluate(() => document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent); console.log('tab', i, n?.slice(0, 40)); if (/Demo/.test(n || '')) break; }
  await p.keyboard.press('Enter');
  await p.waitForTimeout(1500);
  await p.keyboard.press('f');
  await p.waitForTimeout(2000);
  await p.keyboard.press('Control+Shift+S');
  await p.waitForTimeout(1000);
  await p.screenshot({ path: '/tmp/walk/k1.png' });
  const f = p.getByLabel('Name of label 2');
  await f.focus(); await p.keyboard.press('Control+A'); await p.keyboard.type('Pedestrian', { delay: 0 });
  await p.keyboard.press('Tab');
  await p.screenshot({ path: '/tmp/walk/k2.png' });
  await p.getByRole('button', { name: 'Save', exact: true }).focus(); await p.keyboard.press('Enter');
  await p.waitForTimeout(1000);
  await p.keyboard.press('Escape');
  await p.waitForTimeout(500);
  await p.screenshot({ path: '/tmp/walk/k3.png' });
} else {
  for (let i = 0; i < 8; i++) { await p.keyboard.press('Tab'); const n = await p.evaluate(() => document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent); if (/Demo/.test(n || '')) break; }
  await p.keyboard.press('Enter');
  await p.waitForTimeout(1500);
  await p.keyboard.press('f');
  await p.waitForTimeout(2500);
  await p.screenshot({ path: '/tmp/walk/k4.png' });
  console.log('labels:', await p.getByRole('group', { name: 'Labels', exact: true }).innerText().catch(() => 'n/a'));
}
await b.close();
