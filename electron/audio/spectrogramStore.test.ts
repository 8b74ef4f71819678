// The spectrogram cache keeps to its cap: after each computation the least recently used spectrograms are removed
// (never the one just made), use being a read of its info, recorded at most once a minute.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SPECTROGRAM_BINS } from '../../shared/api/audio.ts';
import { SpectrogramStore } from './spectrogramStore.ts';

let root: string;
let clock: number;
const COLUMNS = 1000; // one level: 128 kB a spectrogram
const ENTRY = COLUMNS * SPECTROGRAM_BINS;

async function compute(store: SpectrogramStore, sha: string) {
  return store.write(sha, async (append) => {
    append(new Uint8Array(ENTRY).fill(sha.charCodeAt(0)));
    return { frameSize: 512, sampleRate: 16000 };
  }, () => undefined);
}
const kept = () => fs.readdirSync(root).map((n) => n.split('-')[0]).sort();

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-spectro-cache-'));
  clock = Date.now();
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('spectrogram cache cap', () => {
  it('removes the least recently used spectrograms once the cap is passed, keeping the one just made', async () => {
    const store = new SpectrogramStore(root, { maxBytes: 3 * ENTRY + 4096, now: () => clock });
    for (const sha of ['a', 'b', 'c']) {
      await compute(store, sha);
      clock += 120_000;
    }
    expect(kept()).toEqual(['a', 'b', 'c']); // three fit
    expect(store.info('a')).not.toBeNull(); // a is used again: now b is the oldest
    clock += 120_000;
    await compute(store, 'd');
    expect(kept()).toEqual(['a', 'c', 'd']);
    expect(store.info('b')).toBeNull();
    expect(store.read('b', 512, 0, 1)).toBeNull(); // a read racing the removal finds nothing instead of failing
    expect(store.read('a', 512, 0, 2)).toEqual(Buffer.alloc(2 * SPECTROGRAM_BINS, 'a'.charCodeAt(0)));
  });

  it('never removes the spectrogram just made, even when it alone is over the cap', async () => {
    const store = new SpectrogramStore(root, { maxBytes: ENTRY / 2, now: () => clock });
    await compute(store, 'a');
    clock += 120_000;
    await compute(store, 'b');
    expect(kept()).toEqual(['b']);
  });

  it('a second process sees the same use times: info.json is touched, not a memory of this one', async () => {
    const first = new SpectrogramStore(root, { maxBytes: 2 * ENTRY + 4096, now: () => clock });
    await compute(first, 'a');
    clock += 120_000;
    await compute(first, 'b');
    clock += 120_000;
    const second = new SpectrogramStore(root, { maxBytes: 2 * ENTRY + 4096, now: () => clock });
    second.info('a'); // a used by another process
    clock += 120_000;
    await compute(second, 'c');
    expect(kept()).toEqual(['a', 'c']);
  });
});
