// Detect speech end to end through the contract: real speech (espeak-ng) between silences, at 22.05 kHz stereo so
// the resampler is exercised, found by Silero VAD; the energy fallback on synthetic bursts; one undo removes all.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createCore, type Core } from '../../core/createCore.ts';
import type { DetectSpeechResult } from '../../../shared/api/audio.ts';
import { haveEspeak, noise, voiced, writeWav } from '../testing/synth.ts';
import { exclusiveOverlap } from '../../../shared/geometry/tierOverlap.ts';

let dir: string;
let core: Core;
let projectId: string;

const audioSchema = {
  labels: [{ id: 'music', name: 'Music', color: '#00ff00' }, { id: 'speech', name: 'Speech', color: '#ff0000' }],
  attributes: [],
  tiers: [{ id: 'spk_a', name: 'A' }, { id: 'spk_b', name: 'B' }],
};

async function call<T>(name: string, args: unknown[]): Promise<T> {
  const r = await core.dispatch(name, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function taskFor(file: string): Promise<string> {
  const r = await core.imports.importPaths(projectId, [file]);
  expect(r.failed).toEqual([]);
  return core.tasks.list(projectId, {}).find((x) => x.name === path.basename(file))!.id;
}

function segments(taskId: string) {
  return core.annotations
    .list(taskId)
    .filter((o) => o.kind === 'segment')
    .map((o) => ({ ...(o.geometry as { start: number; end: number; tier: string }), label: o.label, origin: o.origin, transcript: o.attributes.transcript }))
    .sort((a, b) => a.start - b.start);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-vad-'));
  core = createCore({ dataDir: path.join(dir, 'data') });
  projectId = core.projects.create({ name: 'V', schema: { audio: audioSchema } }).id;
});

afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('detect speech', () => {
  // espeak-ng is installed by .ci/run like sox and ffmpeg; the test says so instead of silently passing without it.
  it.runIf(haveEspeak())('finds two spoken sentences between silences with Silero, as one undoable step', async () => {
    const s1 = path.join(dir, 's1.wav');
    const s2 = path.join(dir, 's2.wav');
    execFileSync('espeak-ng', ['-w', s1, 'Hello, this is a test of the speech detector. We are talking for a few seconds now.']);
    execFileSync('espeak-ng', ['-w', s2, 'And here is a second sentence after a long pause.']);
    const d1 = Number(execFileSync('soxi', ['-D', s1]).toString());
    const d2 = Number(execFileSync('soxi', ['-D', s2]).toString());
    const f = path.join(dir, 'talk.wav');
    // 3 s silence, sentence, 3 s silence, sentence, 3 s silence; stereo 22.05 kHz with a little hiss
    execFileSync('sox', [s1, s2, '-n']); // both readable
    execFileSync('sox', ['-n', '-r', '22050', '-c', '1', path.join(dir, 'sil.wav'), 'trim', '0', '3']);
    const sil = path.join(dir, 'sil.wav');
    execFileSync('sox', [sil, s1, sil, s2, sil, '-c', '2', f]);
    const taskId = await taskFor(f);
    const r = await call<DetectSpeechResult>('audio.detectSpeech', [taskId, { tier: 'spk_b' }]);
    expect(r.engine).toBe('silero');
    const segs = segments(taskId);
    expect(r.count).toBe(segs.length);
    // espeak pauses at commas and full stops; merge pieces closer than a second to compare with the sentences
    const merged: { start: number; end: number }[] = [];
    for (const s of segs) {
      const last = merged[merged.length - 1];
      if (last && s.start - last.end < 1) last.end = s.end;
      else merged.push({ start: s.start, end: s.end });
    }
    expect(merged).toHaveLength(2);
    const expected = [{ start: 3, end: 3 + d1 }, { start: 6 + d1, end: 6 + d1 + d2 }];
    merged.forEach((m, i) => {
      expect(Math.abs(m.start - expected[i].start)).toBeLessThan(0.4);
      expect(Math.abs(m.end - expected[i].end)).toBeLessThan(0.6);
    });
    for (const s of segs) expect(s).toMatchObject({ tier: 'spk_b', label: 'speech', origin: 'model', transcript: '' });
    // One undo step named for the action removes every proposal
    expect(core.annotations.history(taskId).undoLabel).toBe('Detect speech');
    core.annotations.undo(taskId);
    expect(segments(taskId)).toEqual([]);
  }, 60_000);

  it('falls back to the energy detector and replaces earlier proposals on the tier, keeping human segments', async () => {
    const f = path.join(dir, 'bursts.wav');
    // hiss throughout; buzzes at 2–4 s and 6–7.5 s
    const burst = (t: number) => (t >= 2 && t < 4) || (t >= 6 && t < 7.5);
    writeWav(f, { sampleRate: 16000, channels: 1, seconds: 9, signal: (t) => 0.003 * noise(t) + (burst(t) ? voiced(t) : 0) });
    const taskId = await taskFor(f);
    core.annotations.edit(taskId, {
      label: 'Draw segment',
      ops: [{ op: 'put', object: { id: 'mine', kind: 'segment', label: 'music', geometry: { start: 0.5, end: 1, tier: 'spk_a' }, attributes: { transcript: 'la' }, origin: 'human', z: 1, hidden: false, locked: false } }],
    });
    process.env.TAGGER_VAD = 'energy';
    try {
      const first = await call<DetectSpeechResult>('audio.detectSpeech', [taskId]);
      const again = await call<DetectSpeechResult>('audio.detectSpeech', [taskId]);
      expect(first).toMatchObject({ count: 2, engine: 'energy' });
      expect(again).toMatchObject({ count: 2, engine: 'energy' });
      // Each run returns its stored edit, which the page applies as it is: the second replaced the first's proposals
      expect(first.edit!.upserted.map((o) => o.origin)).toEqual(['model', 'model']);
      expect([...again.edit!.deleted].sort()).toEqual(first.edit!.upserted.map((o) => o.id).sort());
      expect(again.edit!.revision).toBeGreaterThan(first.edit!.revision);
    } finally {
      delete process.env.TAGGER_VAD;
    }
    const segs = segments(taskId);
    expect(segs).toHaveLength(3); // the human one and two proposals (the second run replaced the first)
    expect(segs[0]).toMatchObject({ start: 0.5, end: 1, origin: 'human', transcript: 'la' });
    expect(segs[1].tier).toBe('spk_a'); // the schema's first tier
    expect(Math.abs(segs[1].start - 2)).toBeLessThan(0.15);
    expect(Math.abs(segs[1].end - 4)).toBeLessThan(0.4);
    expect(Math.abs(segs[2].start - 6)).toBeLessThan(0.15);
    expect(Math.abs(segs[2].end - 7.5)).toBeLessThan(0.4);
    // Once a person has segmented the second burst, running again proposes only the first
    core.annotations.edit(taskId, { label: 'Draw segment', ops: [{ op: 'put', object: { id: 'burst2', kind: 'segment', label: 'speech', geometry: { start: 5.9, end: 7.6, tier: 'spk_a' }, attributes: { transcript: 'hi' }, origin: 'human', z: 9, hidden: false, locked: false } }] });
    process.env.TAGGER_VAD = 'energy';
    try {
      expect(await call<DetectSpeechResult>('audio.detectSpeech', [taskId])).toMatchObject({ count: 1, engine: 'energy' });
    } finally {
      delete process.env.TAGGER_VAD;
    }
    expect(segments(taskId).map((s) => [s.origin, Math.round(s.start)])).toEqual([['human', 1], ['model', 2], ['human', 6]]);
  }, 60_000);

  it('on a "No overlap" tier, cuts proposals around the segments that stay there', async () => {
    const f = path.join(dir, 'bursts-exclusive.wav');
    writeWav(f, { sampleRate: 16000, channels: 1, seconds: 9, signal: (t) => 0.003 * noise(t) + (t >= 2 && t < 6 ? voiced(t) : 0) });
    const taskId = await taskFor(f);
    const project = core.projects.get(projectId);
    core.projects.update(projectId, { schema: { ...project.schema, audio: { ...audioSchema, tiers: [{ id: 'spk_a', name: 'A', exclusive: true }, { id: 'spk_b', name: 'B' }] } } });
    core.annotations.edit(taskId, { label: 'Draw segment', ops: [{ op: 'put', object: { id: 'mine', kind: 'segment', label: 'speech', geometry: { start: 3, end: 3.5, tier: 'spk_a' }, attributes: {}, origin: 'human', z: 1, hidden: false, locked: false } }] });
    process.env.TAGGER_VAD = 'energy';
    try {
      expect(await call<DetectSpeechResult>('audio.detectSpeech', [taskId, { tier: 'spk_a' }])).toMatchObject({ count: 2 });
      // Run again: the earlier proposals are replaced, not cut around.
      expect(await call<DetectSpeechResult>('audio.detectSpeech', [taskId, { tier: 'spk_a' }])).toMatchObject({ count: 2 });
    } finally {
      delete process.env.TAGGER_VAD;
      core.projects.update(projectId, { schema: project.schema });
    }
    const segs = segments(taskId);
    expect(segs.map((s) => s.origin)).toEqual(['model', 'human', 'model']);
    expect([segs[0].end, segs[2].start]).toEqual([3, 3.5]);
    expect(Math.abs(segs[0].start - 2)).toBeLessThan(0.15);
    expect(Math.abs(segs[2].end - 6)).toBeLessThan(0.4);
    expect(exclusiveOverlap([{ id: 'spk_a', name: 'A', exclusive: true }], segs.map((s) => ({ ...s, tier: 'spk_a' })))).toBeNull();
  }, 60_000);

  it('refuses a tier the schema does not have', async () => {
    const f = path.join(dir, 'tiny.wav');
    writeWav(f, { sampleRate: 8000, channels: 1, seconds: 1, signal: () => 0 });
    const taskId = await taskFor(f);
    const r = await core.dispatch('audio.detectSpeech', [taskId, { tier: 'nobody' }]);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: 'The project has no audio tier "nobody".' } });
  });
});
