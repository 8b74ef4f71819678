import { describe, expect, it } from 'vitest';
import { formatHz, hzTicks } from './drawSpectrogram.ts';

describe('the spectrogram frequency axis', () => {
  it('labels round frequencies, far enough apart to read, below Nyquist', () => {
    expect(hzTicks(8000, 120)).toEqual([2000, 4000, 6000]); // 16 kHz audio in the 120-px band
    expect(hzTicks(22050, 120)).toEqual([5000, 10000, 15000, 20000]); // 44.1 kHz
    expect(hzTicks(8000, 480)).toEqual([500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 5500, 6000, 6500, 7000, 7500]);
    expect(formatHz(2000)).toBe('2 kHz');
    expect(formatHz(2500)).toBe('2.5 kHz');
    expect(formatHz(500)).toBe('500 Hz');
  });
});
