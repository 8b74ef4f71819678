// Desktop smoke test: launches the real Electron window where a runtime is installed. On machines without one
// (Electron's download is turned off in package.json), it is skipped and says why.
import { test, expect, _electron as electron } from '@playwright/test';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, tempDataDir } from '../support/server.ts';

function electronBinary(): { path?: string; why?: string } {
  try {
    const p = createRequire(path.join(ROOT, 'package.json'))('electron') as unknown;
    if (typeof p === 'string' && fs.existsSync(p)) return { path: p };
    return { why: 'the Electron runtime binary is not installed' };
  } catch {
    return { why: 'the Electron runtime is not installed here (its download is turned off in package.json)' };
  }
}

test('desktop window opens the demo project with the secure defaults', async () => {
  const bin = electronBinary();
  const main = path.join(ROOT, 'dist/electron/main.cjs');
  if (!bin.path) console.log(`desktop smoke test skipped: ${bin.why}`);
  test.skip(!bin.path, `Skipped: ${bin.why}`);
  test.skip(!fs.existsSync(main), 'Skipped: the desktop shell is not built (npm run build:electron)');
  const app = await electron.launch({ executablePath: bin.path, args: [main, `--data=${tempDataDir()}`, '--demo'] });
  const page = await app.firstWindow();
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  // No Node in the page, only the two-function bridge; navigation away is refused.
  expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
  expect(await page.evaluate(() => Object.keys((window as unknown as { taggerBridge: object }).taggerBridge).sort())).toEqual(['call', 'on']);
  await page.evaluate(() => { location.href = 'https://example.com/'; });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^tagger:\/\/app\//);
  await app.close();
});
