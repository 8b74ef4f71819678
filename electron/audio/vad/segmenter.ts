// Turns per-frame speech probabilities into segments, like Silero's own get_speech_timestamps: hysteresis between
// a start and an end threshold, a hangover (speech continues through pauses shorter than minSilenceMs), a minimum
// speech length, and a little padding so word edges are not clipped.

export interface SegmenterOptions {
  frameSeconds: number;
  startThreshold: number;
  endThreshold: number;
  minSilenceMs: number;
  minSpeechMs: number;
  padMs: number;
}

export const SILERO_SEGMENTER: Omit<SegmenterOptions, 'frameSeconds'> = { startThreshold: 0.5, endThreshold: 0.35, minSilenceMs: 300, minSpeechMs: 250, padMs: 60 };

export class SpeechSegmenter {
  readonly segments: { start: number; end: number }[] = [];
  private frame = 0;
  private speechStart = -1;
  /** First frame of the current run of non-speech inside a segment, or -1. */
  private silenceStart = -1;
  constructor(private readonly o: SegmenterOptions) {}

  push(probability: number): void {
    const f = this.frame++;
    if (this.speechStart < 0) {
      if (probability >= this.o.startThreshold) this.speechStart = f;
      return;
    }
    if (probability >= this.o.endThreshold) {
      this.silenceStart = -1;
      return;
    }
    if (this.silenceStart < 0) this.silenceStart = f;
    if ((f + 1 - this.silenceStart) * this.o.frameSeconds * 1000 >= this.o.minSilenceMs) this.close(this.silenceStart);
  }

  /** Ends the stream; returns the segments in seconds. */
  finish(totalSeconds: number): { start: number; end: number }[] {
    if (this.speechStart >= 0) this.close(this.silenceStart >= 0 ? this.silenceStart : this.frame);
    const pad = this.o.padMs / 1000;
    const out: { start: number; end: number }[] = [];
    for (const s of this.segments) {
      const start = Math.max(0, s.start - pad);
      const end = Math.min(totalSeconds, s.end + pad);
      const prev = out[out.length - 1];
      if (prev && start <= prev.end) prev.end = end; // padding made them touch: one segment
      else out.push({ start: round(start), end: round(end) });
    }
    for (const s of out) s.end = round(s.end);
    return out;
  }

  private close(endFrame: number): void {
    const start = this.speechStart * this.o.frameSeconds;
    const end = endFrame * this.o.frameSeconds;
    if ((end - start) * 1000 >= this.o.minSpeechMs) this.segments.push({ start, end });
    this.speechStart = -1;
    this.silenceStart = -1;
  }
}

function round(s: number): number {
  return Math.round(s * 1000) / 1000;
}
