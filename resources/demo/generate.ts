// Makes the demo project's media: drawn images (SVG rendered by sharp) and synthesized audio (PCM WAV).
// Run with `npx tsx resources/demo/generate.ts`; the outputs are committed so a fresh install needs nothing.
import sharp from 'sharp';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function streetSvg(seed: number, w = 960, h = 640): string {
  const r = rng(seed);
  const parts: string[] = [`<rect width="${w}" height="${h}" fill="#87a9c9"/>`, `<rect y="${h * 0.55}" width="${w}" height="${h * 0.45}" fill="#555b61"/>`];
  for (let i = 0; i < 6; i++) {
    const bx = i * (w / 6) + r() * 20, bh = 120 + r() * 180;
    parts.push(`<rect x="${bx}" y="${h * 0.55 - bh}" width="${w / 6 - 20}" height="${bh}" fill="hsl(${Math.floor(r() * 360)},25%,${45 + r() * 20}%)"/>`);
    for (let k = 0; k < 4; k++) parts.push(`<rect x="${bx + 12 + k * 32}" y="${h * 0.55 - bh + 20}" width="18" height="24" fill="#f4e7a1" opacity="0.8"/>`);
  }
  parts.push(`<rect y="${h * 0.76}" width="${w}" height="8" fill="#e8e8e8" opacity="0.7"/>`);
  for (let i = 0; i < 3; i++) {
    const cx = 80 + r() * (w - 260), cy = h * 0.62 + r() * 120, cw = 150 + r() * 60;
    const col = `hsl(${Math.floor(r() * 360)},70%,45%)`;
    parts.push(`<rect x="${cx}" y="${cy}" width="${cw}" height="50" rx="12" fill="${col}"/>`, `<rect x="${cx + 25}" y="${cy - 30}" width="${cw - 60}" height="36" rx="10" fill="${col}"/>`,
      `<circle cx="${cx + 32}" cy="${cy + 52}" r="16" fill="#111"/>`, `<circle cx="${cx + cw - 32}" cy="${cy + 52}" r="16" fill="#111"/>`);
  }
  for (let i = 0; i < 2; i++) {
    const px = 60 + r() * (w - 120), py = h * 0.5 + r() * 60;
    parts.push(`<circle cx="${px}" cy="${py}" r="12" fill="#e0b090"/>`, `<rect x="${px - 12}" y="${py + 12}" width="24" height="48" rx="6" fill="#3949ab"/>`,
      `<rect x="${px - 10}" y="${py + 58}" width="8" height="34" fill="#222"/>`, `<rect x="${px + 2}" y="${py + 58}" width="8" height="34" fill="#222"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${parts.join('')}</svg>`;
}

function fieldSvg(seed: number, w = 960, h = 640): string {
  const r = rng(seed);
  const parts = [`<rect width="${w}" height="${h}" fill="#9fd3f5"/>`, `<rect y="${h * 0.5}" width="${w}" height="${h * 0.5}" fill="#6fae4c"/>`, `<circle cx="${w - 120}" cy="90" r="50" fill="#ffe066"/>`];
  for (let i = 0; i < 4; i++) {
    const x = 60 + r() * (w - 200), y = h * 0.55 + r() * (h * 0.35);
    parts.push(`<ellipse cx="${x}" cy="${y}" rx="60" ry="32" fill="#f5f5f5"/>`, `<circle cx="${x + 58}" cy="${y - 20}" r="20" fill="#f5f5f5"/>`,
      `<rect x="${x - 40}" y="${y + 20}" width="10" height="34" fill="#444"/>`, `<rect x="${x + 30}" y="${y + 20}" width="10" height="34" fill="#444"/>`);
  }
  for (let i = 0; i < 5; i++) {
    const x = r() * w;
    parts.push(`<rect x="${x}" y="${h * 0.32}" width="14" height="${h * 0.2}" fill="#6b4423"/>`, `<circle cx="${x + 7}" cy="${h * 0.3}" r="40" fill="#2f7d32"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${parts.join('')}</svg>`;
}

function wav(samples: Float32Array, rate = 16000): Buffer {
  const buf = Buffer.alloc(44 + samples.length * 2);
  buf.write('RIFF', 0, 'latin1'); buf.writeUInt32LE(36 + samples.length * 2, 4); buf.write('WAVE', 8, 'latin1');
  buf.write('fmt ', 12, 'latin1'); buf.writeUInt32LE(16, 16); buf.writeUInt16LE(1, 20); buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24); buf.writeUInt32LE(rate * 2, 28); buf.writeUInt16LE(2, 32); buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'latin1'); buf.writeUInt32LE(samples.length * 2, 40);
  for (let i = 0; i < samples.length; i++) buf.writeInt16LE(Math.max(-32767, Math.min(32767, Math.round(samples[i] * 32767))), 44 + i * 2);
  return buf;
}

/** Speech-like: voiced bursts (a glottal pulse train through two formant resonators) separated by pauses. */
function speechLike(seed: number, seconds: number, rate = 16000): Float32Array {
  const r = rng(seed);
  const out = new Float32Array(seconds * rate);
  let t = 0.4;
  while (t < seconds - 0.8) {
    const dur = 0.6 + r() * 1.4;
    const f0 = 100 + r() * 120;
    const s0 = Math.floor(t * rate), n = Math.floor(dur * rate);
    let y1 = 0, y2 = 0, z1 = 0, z2 = 0, phase = 0;
    const f1 = 500 + r() * 300, f2 = 1200 + r() * 900;
    const res = (f: number, bw: number) => { const rr = Math.exp(-Math.PI * bw / rate); return { a1: 2 * rr * Math.cos(2 * Math.PI * f / rate), a2: -rr * rr }; };
    const R1 = res(f1, 80), R2 = res(f2, 120);
    for (let i = 0; i < n; i++) {
      phase += (f0 * (1 + 0.1 * Math.sin(i / rate * 6))) / rate;
      const pulse = phase >= 1 ? ((phase -= 1), 1) : 0;
      const syl = Math.sin(Math.PI * ((i / rate) * 4 % 1)) ** 2;
      const x = pulse + (r() - 0.5) * 0.02;
      const y = x + R1.a1 * y1 + R1.a2 * y2; y2 = y1; y1 = y;
      const z = y + R2.a1 * z1 + R2.a2 * z2; z2 = z1; z1 = z;
      const env = Math.min(1, i / 400, (n - i) / 400);
      out[s0 + i] += 0.02 * z * syl * env;
    }
    t += dur + 0.3 + r() * 0.9;
  }
  let peak = 0;
  for (const v of out) peak = Math.max(peak, Math.abs(v));
  for (let i = 0; i < out.length; i++) out[i] = (out[i] / (peak || 1)) * 0.6 + (r() - 0.5) * 0.004;
  return out;
}

function chimes(seconds: number, rate = 16000): Float32Array {
  const out = new Float32Array(seconds * rate);
  const notes = [261.63, 329.63, 392, 523.25, 392, 329.63];
  notes.forEach((f, k) => {
    const s0 = Math.floor((0.3 + k * 0.7) * rate);
    for (let i = 0; i < rate * 1.2 && s0 + i < out.length; i++) out[s0 + i] += 0.3 * Math.sin(2 * Math.PI * f * i / rate) * Math.exp(-i / (rate * 0.35));
  });
  return out;
}

function noiseBursts(seed: number, seconds: number, rate = 16000): Float32Array {
  const r = rng(seed);
  const out = new Float32Array(seconds * rate);
  for (const [a, b] of [[0.5, 1.3], [2.4, 2.7], [3.6, 5.0]]) for (let i = Math.floor(a * rate); i < b * rate; i++) out[i] = (r() - 0.5) * 0.5;
  return out;
}

async function main() {
  await sharp(Buffer.from(streetSvg(1))).jpeg({ quality: 82 }).toFile(path.join(here, 'images', 'street-1.jpg'));
  await sharp(Buffer.from(streetSvg(7))).png({ compressionLevel: 9, palette: true }).toFile(path.join(here, 'images', 'street-2.png'));
  await sharp(Buffer.from(fieldSvg(3))).webp({ quality: 80 }).toFile(path.join(here, 'images', 'field.webp'));
  fs.writeFileSync(path.join(here, 'audio', 'interview.wav'), wav(speechLike(11, 8)));
  fs.writeFileSync(path.join(here, 'audio', 'chimes.wav'), wav(chimes(5)));
  fs.writeFileSync(path.join(here, 'audio', 'street-noise.wav'), wav(noiseBursts(5, 6)));
  console.log('demo media written to', here);
}

await main();
