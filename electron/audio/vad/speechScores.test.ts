// Lanes: scoring stretches of a recording side by side gives the same speech segments as one pass from start to
// end (the warm-up hides the joins); non-16 kHz input goes through a temporary PCM file that is removed after.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pcm16kMono, scoreFrames } from './speechScores.ts';
import { SileroVad, SILERO_FRAME } from './silero.ts';
import { SILERO_SEGMENTER, SpeechSegmenter } from './segmenter.ts';
import { VAD_RATE } from './resample.ts';
import { haveEspeak, writeWav } from '../testing/synth.ts';

let dir: string;
const quiet = { progress: () => undefined, throwIfCancelled: () => undefined };

function segmentsOf(probs: Float32Array, seconds: number) {
  const s = new SpeechSegmenter({ ...SILERO_SEGMENTER, frameSeconds: SILERO_FRAME / VAD_RATE });
  for (const p of probs) s.push(p);
  return s.finish(seconds);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-lanes-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('speech scores', () => {
  it.runIf(haveEspeak())('two lanes find the same segments as one pass over a 2-minute recording', async () => {
    const spoken = path.join(dir, 'spoken.wav');
    execFileSync('espeak-ng', ['-w', spoken, 'Every few seconds someone says a short sentence like this one.']);
    const sil = path.join(dir, 'sil.wav');
    execFileSync('sox', ['-n', '-r', '22050', '-c', '1', sil, 'trim', '0', '4']);
    const parts: string[] = [];
    for (let i = 0; i < 18; i++) parts.push(spoken, sil);
    const f = path.join(dir, 'long.wav');
    execFileSync('sox', [...parts, '-r', '16000', '-b', '16', f]);
    const pcm = await pcm16kMono(f, 'long.wav', dir, quiet);
    expect(pcm.file).toBe(f); // already 16 kHz mono 16-bit: read in place, no copy
    const seconds = pcm.samples / VAD_RATE;
    expect(seconds).toBeGreaterThan(120);
    const one = segmentsOf(await scoreFrames(pcm, (n) => SileroVad.create(n), quiet, 0, 1), seconds);
    let lanesUsed = 0;
    const two = segmentsOf(await scoreFrames(pcm, (n) => ((lanesUsed = n), SileroVad.create(n)), quiet, 0), seconds);
    expect(lanesUsed).toBe(2);
    expect(one.length).toBeGreaterThanOrEqual(18);
    expect(two.length).toBe(one.length);
    two.forEach((s, i) => {
      expect(Math.abs(s.start - one[i].start)).toBeLessThan(0.1);
      expect(Math.abs(s.end - one[i].end)).toBeLessThan(0.1);
    });
  }, 120_000);

  it('converts other rates to a temporary 16 kHz file and removes it', async () => {
    const f = path.join(dir, 'stereo.wav');
    writeWav(f, { sampleRate: 44100, channels: 2, seconds: 2, signal: (t) => 0.5 * Math.sin(2 * Math.PI * 200 * t) });
    const pcm = await pcm16kMono(f, 'stereo.wav', dir, quiet);
    expect(pcm.file).not.toBe(f);
    expect(Math.abs(pcm.samples - 32000)).toBeLessThan(20);
    expect(fs.statSync(pcm.file).size).toBe(pcm.samples * 2);
    pcm.cleanup();
    expect(fs.existsSync(pcm.file)).toBe(false);
  });
});
