// Converts interleaved WAV sample bytes (PCM 8/16/24/32-bit integers, 32/64-bit float) into one Float32Array per
// channel in -1..1. Called per chunk of the file, so a long WAV is never whole in memory.

export function wavBytesToFloat(buf: Buffer, channels: number, bitsPerSample: number, format: number): Float32Array[] {
  const bytes = bitsPerSample >> 3;
  const frames = Math.floor(buf.length / (bytes * channels));
  const out: Float32Array[] = [];
  for (let c = 0; c < channels; c++) out.push(new Float32Array(frames));
  const stride = bytes * channels;
  if (format === 3) {
    if (bitsPerSample === 32) {
      for (let c = 0; c < channels; c++) {
        const o = out[c];
        for (let i = 0, p = c * 4; i < frames; i++, p += stride) o[i] = buf.readFloatLE(p);
      }
    } else if (bitsPerSample === 64) {
      for (let c = 0; c < channels; c++) {
        const o = out[c];
        for (let i = 0, p = c * 8; i < frames; i++, p += stride) o[i] = buf.readDoubleLE(p);
      }
    } else throw new Error(`float WAV with ${bitsPerSample}-bit samples`);
    return out;
  }
  switch (bitsPerSample) {
    case 8:
      for (let c = 0; c < channels; c++) {
        const o = out[c];
        for (let i = 0, p = c; i < frames; i++, p += stride) o[i] = (buf[p] - 128) / 128;
      }
      break;
    case 16:
      if (channels === 1 && (buf.byteOffset & 1) === 0) {
        // The common case (16-bit mono) without per-sample bounds checks.
        const v = new Int16Array(buf.buffer, buf.byteOffset, frames);
        const o = out[0];
        for (let i = 0; i < frames; i++) o[i] = v[i] / 32768;
      } else {
        for (let c = 0; c < channels; c++) {
          const o = out[c];
          for (let i = 0, p = c * 2; i < frames; i++, p += stride) o[i] = buf.readInt16LE(p) / 32768;
        }
      }
      break;
    case 24:
      for (let c = 0; c < channels; c++) {
        const o = out[c];
        for (let i = 0, p = c * 3; i < frames; i++, p += stride) o[i] = buf.readIntLE(p, 3) / 8388608;
      }
      break;
    case 32:
      for (let c = 0; c < channels; c++) {
        const o = out[c];
        for (let i = 0, p = c * 4; i < frames; i++, p += stride) o[i] = buf.readInt32LE(p) / 2147483648;
      }
      break;
    default:
      throw new Error(`PCM WAV with ${bitsPerSample}-bit samples`);
  }
  return out;
}
