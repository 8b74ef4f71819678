// `tagger prepare-audio` as a user runs it: a real process on a real data folder; peaks cached for the next
// open, speech proposed, a damaged file listed with its reason and exit code 1.
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import { writeWav, voiced, ffmpeg } from './testing/synth.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tagger = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), ...args], { encoding: 'utf8', timeout: 90_000 });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-audiocli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tagger prepare-audio', () => {
  it('caches peaks of every audio task, proposes speech, and names a damaged file', () => {
    const data = path.join(dir, 'data');
    const good = path.join(dir, 'bursts.wav');
    writeWav(good, { sampleRate: 16000, channels: 1, seconds: 6, signal: (t) => (t > 2 && t < 4 ? voiced(t) : 0) });
    // A FLAC that imports (its first frames decode) and is damaged on disk afterwards.
    const bad = path.join(dir, 'broken.flac');
    ffmpeg(good, bad, '-f', 'flac');
    expect(tagger('import', '--data', data, '--project', 'Calls', good, bad).status).toBe(0);
    const sha = crypto.createHash('sha256').update(fs.readFileSync(bad)).digest('hex');
    fs.writeFileSync(path.join(data, 'media', sha.slice(0, 2), sha), Buffer.concat([Buffer.from('fLaC'), Buffer.alloc(3000, 0x5a)]));
    const r = tagger('prepare-audio', '--data', data, '--project', 'Calls', '--detect-speech');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bursts\.wav: 0:06, 16000 Hz, peaks ready \([\d.]+ s\); \d+ speech segment\(s\) proposed \((Silero VAD|energy detector)\)/);
    expect(r.stderr).toMatch(/broken\.flac: broken\.flac has no FLAC audio that could be decoded/);
    expect(r.stderr).toMatch(/2 audio task\(s\) in "Calls", 1 failed/);
    const db = new Database(path.join(data, 'tagger.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM audio_info').pluck().get()).toBe(1);
    const proposed = Number(/(\d+) speech segment\(s\) proposed/.exec(r.stderr)![1]);
    expect(db.prepare("SELECT count(*) FROM annotation_objects WHERE kind = 'segment' AND origin = 'model'").pluck().get()).toBe(proposed);
    db.close();
    expect(tagger('prepare-audio', '--data', data, '--project', 'Nope').stderr).toMatch(/No project named "Nope"/);
  }, 120_000);
});
