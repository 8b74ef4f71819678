// A one-hour recording opens as a waveform without the page decoding it or downloading it: peaks come from the
// core by range and playback streams with range requests; its spectrogram can be cancelled mid-computation.
// Instrumented: decodeAudioData, fetch, and the bytes of the media file the browser actually received (DevTools
// protocol), plus the JS heap.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { ROOT, startServer, tempDataDir } from '../support/server.ts';
import { writeLongWav } from '../bench/pages/audio/wavFile.ts';

declare global {
  interface Window { __decodes: number; __fetches: string[] }
}

const MEDIA = /\/media\/[0-9a-f]{64}(\?|$)/;

test('a one-hour WAV opens and plays without the page decoding or downloading the file', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = tempDataDir('tagger-audio-long-');
  const wav = path.join(dir, 'hour-long.wav');
  writeLongWav(wav, 3600);
  const fileSize = fs.statSync(wav).size;
  execFileSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'import', '--data', dir, '--project', 'Long', wav], { cwd: ROOT, stdio: 'pipe' });
  fs.rmSync(wav);
  const server = await startServer({ dataDir: dir, demo: false });
  try {
    await page.addInitScript(() => {
      window.__decodes = 0;
      window.__fetches = [];
      for (const C of [AudioContext, OfflineAudioContext]) {
        const orig = C.prototype.decodeAudioData;
        C.prototype.decodeAudioData = function (this: BaseAudioContext, ...args: Parameters<typeof orig>) {
          window.__decodes++;
          return orig.apply(this, args);
        } as typeof orig;
      }
      const f = window.fetch;
      window.fetch = (input, init) => {
        window.__fetches.push(input instanceof Request ? input.url : String(input));
        return f(input, init);
      };
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map<string, string>();
    let mediaBytes = 0;
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.dataReceived', (e) => { if (MEDIA.test(urls.get(e.requestId) ?? '')) mediaBytes += e.dataLength; });

    await page.goto(server.url);
    await page.getByRole('button', { name: 'Open project Long' }).click();
    await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /hour-long\.wav/ }).click();
    const wave = page.getByRole('application', { name: 'Waveform' });
    await expect(wave).toHaveAttribute('data-ready', 'true', { timeout: 180_000 });
    await expect(page.getByRole('slider', { name: 'Overview' })).toHaveAttribute('aria-valuemax', '3600');

    // Jump to three quarters in with the overview and play a moment there.
    const ov = (await page.getByRole('slider', { name: 'Overview' }).boundingBox())!;
    await page.mouse.click(ov.x + ov.width * 0.75, ov.y + ov.height / 2);
    await expect(page.getByRole('slider', { name: 'Overview' })).toHaveAttribute('aria-valuenow', /^2[67]\d\d$/);
    await expect(wave).toHaveAttribute('data-ready', 'true');
    const box = (await wave.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + 10);
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Pause (Space)' })).toBeVisible();
    await page.waitForTimeout(1000);
    await page.keyboard.press('Space');

    // Zoomed all the way out and back in: still drawn from peaks.
    for (let i = 0; i < 8; i++) await page.keyboard.press('-');
    await expect(wave).toHaveAttribute('data-ready', 'true');

    // The hour's spectrogram: Cancel in the status bar mid-computation returns to the waveform and leaves no cache
    // files; S again computes it whole (in the core, not the page) and shows it.
    await page.keyboard.press('s');
    await page.getByRole('button', { name: 'Cancel Spectrogram of hour-long.wav' }).click();
    await expect(wave).toHaveAttribute('data-view', 'waveform');
    await expect(page.getByRole('button', { name: /^Spectrogram/ })).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByText(/Spectrogram of hour-long\.wav: .*cancelled/)).toBeVisible();
    expect(fs.readdirSync(path.join(dir, 'spectrograms'))).toEqual([]);
    await page.keyboard.press('s');
    await expect(wave).toHaveAttribute('data-view', 'spectrogram', { timeout: 120_000 });
    await expect(wave).toHaveAttribute('data-ready', 'true');
    expect(fs.readdirSync(path.join(dir, 'spectrograms'))).toHaveLength(1);

    expect(await page.evaluate(() => window.__decodes)).toBe(0);
    expect((await page.evaluate(() => window.__fetches)).filter((u) => MEDIA.test(u))).toEqual([]);
    // The browser streamed a little of the 115 MB file (metadata, the played second), never the whole of it.
    expect(mediaBytes).toBeLessThan(fileSize / 8);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    expect(heap.usedSize).toBeLessThan(100 * 1024 * 1024);
    console.log(`1-hour WAV: media bytes received ${(mediaBytes / 1e6).toFixed(1)} MB of ${(fileSize / 1e6).toFixed(0)} MB, JS heap ${(heap.usedSize / 1e6).toFixed(1)} MB`);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
