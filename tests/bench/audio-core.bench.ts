// Audio core benchmark: waveform peaks of long recordings. First open = streaming decode + peaks + SQLite cache
// (the prepare job), beside decoding alone; later open = a fresh core on the same data folder answering prepare plus the peaks a
// 1,600-pixel viewport needs (finest level at the start and the middle, and the whole-file overview). RSS growth
// while computing shows the decode streams instead of holding the file. Inputs are made in a temp dir at run time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createCore } from '../../electron/core/createCore.ts';
import { peaksMediaPath, spectrogramMediaPath, type AudioInfo, type DetectSpeechResult, type SpectrogramInfo } from '../../shared/api/audio.ts';
import { voiced, wavHeader } from '../../electron/audio/testing/synth.ts';
import { decodeAudioFile } from '../../electron/audio/decode.ts';
import { printTable, stats } from './table.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-bench-audio-'));
const RATE = 16_000;
const started = performance.now();

/** 10 s of speech then pause: a spoken sentence from espeak-ng when it is installed (CI installs it), otherwise a
 *  voiced buzz; Silero only finds real speech, so the detect-speech row says which was used. */
function speechPattern(): { pattern: Int16Array; kind: string } {
  const pattern = new Int16Array(RATE * 10);
  try {
    const raw = path.join(dir, 'sentence.raw');
    const wav = path.join(dir, 'sentence.wav');
    execFileSync('espeak-ng', ['-w', wav, 'This is a benchmark of the audio core, speaking for a few seconds before a pause.']);
    execFileSync('sox', [wav, '-r', String(RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'raw', raw]);
    const pcm = fs.readFileSync(raw);
    const n = Math.min(pattern.length, pcm.length >> 1);
    for (let i = 0; i < n; i++) pattern[i] = pcm.readInt16LE(i * 2);
    return { pattern, kind: 'espeak-ng sentence + pause' };
  } catch {
    for (let i = 0; i < pattern.length; i++) {
      const t = i / RATE;
      pattern[i] = t < 6 ? Math.round(32767 * voiced(t)) : 0;
    }
    return { pattern, kind: 'synthetic voiced buzz + pause (no espeak-ng)' };
  }
}
const { pattern, kind: patternKind } = speechPattern();

/** 16 kHz mono 16-bit WAV: the 10-second pattern repeated with a slowly varying gain and a little hiss. */
function writeLongWav(file: string, seconds: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, wavHeader({ sampleRate: RATE, channels: 1 }, seconds * RATE));
  const chunk = new Int16Array(pattern.length);
  for (let s = 0; s < seconds; s += 10) {
    const gain = 0.4 + 0.6 * Math.abs(Math.sin(s / 97));
    for (let i = 0; i < chunk.length; i++) chunk[i] = Math.round(pattern[i] * gain + 40 * Math.sin(i * 1.7));
    fs.writeSync(fd, Buffer.from(chunk.buffer, 0, Math.min(10, seconds - s) * RATE * 2));
  }
  fs.closeSync(fd);
}

const inputs: { name: string; file: string; seconds: number }[] = [];
const hour = path.join(dir, 'one-hour.wav');
writeLongWav(hour, 3600);
inputs.push({ name: '1 h WAV 16 kHz mono', file: hour, seconds: 3600 });
const three = path.join(dir, 'three-hours.wav');
writeLongWav(three, 3 * 3600);
inputs.push({ name: '3 h WAV 16 kHz mono', file: three, seconds: 3 * 3600 });
const mp3 = path.join(dir, 'one-hour.mp3');
execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', hour, '-c:a', 'libmp3lame', '-b:a', '48k', mp3]);
inputs.push({ name: '1 h MP3 16 kHz mono 48 kb/s', file: mp3, seconds: 3600 });
// 10× rows: a 10-hour WAV (1.1 GB) and a 10-hour MP3 (the hour's MP3 stream copied ten times by ffmpeg, so the
// encoder runs once), as court and media archives have them.
const ten = path.join(dir, 'ten-hours.wav');
writeLongWav(ten, 10 * 3600);
inputs.push({ name: '10 h WAV 16 kHz mono', file: ten, seconds: 10 * 3600 });
const tenMp3 = path.join(dir, 'ten-hours.mp3');
execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-stream_loop', '9', '-i', mp3, '-c', 'copy', tenMp3]);
inputs.push({ name: '10 h MP3 16 kHz mono 48 kb/s', file: tenMp3, seconds: 10 * 3600 });
const madeIn = performance.now() - started;

const dataDir = path.join(dir, 'data');
let core = createCore({ dataDir });
const projectId = core.projects.create({ name: 'Bench' }).id;
await core.imports.importPaths(projectId, inputs.map((i) => i.file));
const assetOf = (file: string) => core.tasks.list(projectId, {}).find((t) => t.name === path.basename(file))!.assetId;

async function call<T>(name: string, args: unknown[]): Promise<T> {
  const r = await core.dispatch(name, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const first: (string | number)[][] = [];
const infos = new Map<string, AudioInfo>();
for (const input of inputs) {
  const id = assetOf(input.file);
  // Decoding alone (same streaming decoder, blocks dropped): the bound the first open is measured against.
  const d0 = performance.now();
  await decodeAudioFile(input.file, { name: input.file, onBlock: () => undefined });
  const decodeMs = performance.now() - d0;
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const info = await call<AudioInfo>('audio.prepare', [id]);
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  infos.set(input.file, info);
  const bytes = fs.statSync(input.file).size;
  first.push([input.name, (bytes / 2 ** 20).toFixed(0), decodeMs, ms, ms / decodeMs, (input.seconds * 1000) / ms, ((peak - before) / 2 ** 20).toFixed(1), String(info.levels.length), String(info.levels[0].length)]);
}
printTable('First open: streaming decode + peaks + SQLite cache (audio.prepare, one run each)', ['file', 'MB', 'decode only ms', 'first open ms', '÷ decode', '× real time', 'RSS growth MB', 'levels', 'finest level px'], first);

// Later opens: the app restarted on the same data folder.
await core.close();
const later: (string | number)[][] = [];
const VIEW = 1600;
for (const input of inputs) {
  const times: number[] = [];
  const prepareTimes: number[] = [];
  let bytes = 0;
  for (let run = 0; run < 5; run++) {
    core = createCore({ dataDir });
    const id = assetOf(input.file);
    const t0 = performance.now();
    const info = await call<AudioInfo>('audio.prepare', [id]);
    prepareTimes.push(performance.now() - t0);
    const base = info.levels[0];
    const overview = info.levels.find((l) => l.length <= 2048) ?? info.levels[info.levels.length - 1];
    // The binary peaks route the page reads (int8 min,max pairs), through the media routes as the server serves them.
    const read = async (spp: number, start: number, count: number) => {
      for (const route of core.mediaRoutes) {
        const hit = await route(peaksMediaPath(id, spp, { start, count }));
        if (hit && 'body' in hit) return hit.body;
      }
      throw new Error('no peaks served');
    };
    const views = await Promise.all([
      read(base.samplesPerPixel, 0, VIEW),
      read(base.samplesPerPixel, Math.floor(base.length / 2), VIEW),
      read(overview.samplesPerPixel, 0, overview.length),
    ]);
    times.push(performance.now() - t0);
    bytes = views.reduce((n, b) => n + b.length, 0);
    await core.close();
  }
  later.push([input.name, stats(prepareTimes).p50, stats(times).p50, Math.max(...times), (bytes / 1024).toFixed(0)]);
}
printTable(`Later open (fresh core on the cached data folder): prepare, then peaks for a ${VIEW}-px view at the start and middle plus the overview (ms, 5 runs; goal < 1000 at 10 h)`, ['file', 'prepare p50', 'prepare + peaks p50', 'max', 'KB sent (binary)'], later);

// Spectrogram: the job the page starts the first time the view is shown (decode + FFT + file cache), then a later
// open on a fresh core reading the columns a 1,600-px view needs at the finest level and the overview.
const spectroRows: (string | number)[][] = [];
core = createCore({ dataDir });
for (const input of inputs) {
  const id = assetOf(input.file);
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const info = await call<SpectrogramInfo>('audio.spectrogram', [id]);
  const ms = performance.now() - t0;
  clearInterval(sampler);
  const bytes = info.levels.reduce((n, l) => n + l.length * info.bins, 0);
  const again = createCore({ dataDir });
  const t1 = performance.now();
  const cached = (await again.dispatch('audio.spectrogram', [id])) as { ok: true; value: SpectrogramInfo };
  const base = cached.value.levels[0];
  const overview = cached.value.levels[cached.value.levels.length - 1];
  for (const [hop, start, count] of [[base.hop, 0, VIEW], [base.hop, Math.floor(base.length / 2), VIEW], [overview.hop, 0, overview.length]]) {
    for (const route of again.mediaRoutes) if (await route(spectrogramMediaPath(id, hop, { start, count }))) break;
  }
  const laterMs = performance.now() - t1;
  await again.close();
  spectroRows.push([input.name, ms, (input.seconds * 1000) / ms, base.length, (bytes / 2 ** 20).toFixed(1), ((peak - before) / 2 ** 20).toFixed(1), laterMs]);
}
await core.close();
printTable('Spectrogram: computed once (decode + FFT per column + file cache, one run each), then a later open reads a 1600-px view at the start and middle plus the overview', ['file', 'compute ms', '× real time', 'columns (finest)', 'cache MB', 'RSS growth MB', 'later open + columns ms'], spectroRows);

// Detect speech throughput on a 10-minute excerpt (a full hour would take minutes; the rate scales linearly).
core = createCore({ dataDir });
const excerpt = path.join(dir, 'ten-minutes.wav');
writeLongWav(excerpt, 600);
await core.imports.importPaths(projectId, [excerpt]);
const taskId = core.tasks.list(projectId, {}).find((t) => t.name === 'ten-minutes.wav')!.id;
const t0 = performance.now();
const vad = await call<DetectSpeechResult>('audio.detectSpeech', [taskId]);
const vadMs = performance.now() - t0;
printTable(`Detect speech over 10 minutes of 16 kHz audio (one run; audio: ${patternKind})`, ['engine', 'segments', 'ms', '× real time', 'est. 1 h (s)'], [[vad.engine, String(vad.count), vadMs, 600_000 / vadMs, (vadMs * 6) / 1000]]);
await core.close();

fs.rmSync(dir, { recursive: true, force: true });
console.log(`(inputs generated in ${(madeIn / 1000).toFixed(1)} s; whole run ${((performance.now() - started) / 1000).toFixed(1)} s on ${os.cpus().length} cores)`);
