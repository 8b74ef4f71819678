// Reference for the audio benchmark: wavesurfer.js 7 as its docs recommend for long files (precomputed peaks and
// duration, so it does not decode) with the regions plugin, one region per segment. Driven by the bench via
// window.benchSetup / window.benchScroll; the same scroll loop measures our workspace.
import WaveSurfer from '/ws/wavesurfer.esm.js';
import RegionsPlugin from '/ws/plugins/regions.esm.js';

const COLORS = ['rgba(230,25,75,0.35)', 'rgba(60,180,75,0.35)', 'rgba(67,99,216,0.35)'];

window.benchSetup = async (duration, pxPerSec, count) => {
  const t0 = performance.now();
  // Peaks at 100 per second of audio, a speech-like envelope (values do not change the cost of drawing them).
  const n = Math.round(duration * 100);
  const peaks = new Float32Array(n);
  for (let i = 0; i < n; i++) peaks[i] = 0.15 + 0.6 * Math.abs(Math.sin(i * 0.013) * Math.sin(i * 0.0021));
  const ws = WaveSurfer.create({ container: '#wave', height: 160, peaks: [peaks], duration, minPxPerSec: pxPerSec, waveColor: '#5fa8ff', progressColor: '#3a7bd5', interact: true, autoScroll: false });
  const regions = ws.registerPlugin(RegionsPlugin.create());
  await new Promise((r) => (ws.getDuration() > 0 ? r() : ws.once('ready', r)));
  const step = duration / count;
  for (let i = 0; i < count; i++) {
    const start = i * step + (i % 7) * step * 0.05;
    regions.addRegion({ start, end: start + step * 2.4, color: COLORS[i % 3], drag: true, resize: true, content: i % 10 === 0 ? 'speech' : undefined });
  }
  window.ws = ws;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0;
};

/** rAF-to-rAF intervals while the view scrolls `px` pixels every frame. */
window.benchScroll = async (frames, px) => {
  const deltas = [];
  let last = performance.now();
  for (let i = 0; i < frames; i++) {
    window.ws.setScroll(window.ws.getScroll() + px);
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    deltas.push(now - last);
    last = now;
  }
  return deltas;
};
