// Playback through a media element that streams the file by HTTP range requests: the page never holds a decoded
// copy. Adds what annotators need on top: play a range (a segment), loop it, and speed without changing pitch.
import { Listeners } from './listeners.ts';

export class Player {
  readonly el: HTMLAudioElement;
  private rangeStart = 0;
  private rangeEnd: number | null = null;
  loop = false;
  /** Set when the media cannot be streamed (missing, unreadable, unsupported by this browser). */
  error: string | null = null;
  private listeners = new Listeners();

  constructor(src: string) {
    this.el = new Audio();
    this.el.preload = 'metadata';
    this.el.preservesPitch = true;
    this.el.src = src;
    for (const ev of ['play', 'pause', 'ratechange', 'ended', 'seeked']) this.el.addEventListener(ev, () => this.listeners.notify());
    this.el.addEventListener('error', () => {
      const code = this.el.error?.code;
      this.error = code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED ? 'the file could not be streamed (missing from the data folder, or a codec this browser cannot play)'
        : code === MediaError.MEDIA_ERR_DECODE ? 'the audio is damaged where playback reached'
        : 'the file could not be read';
      this.listeners.notify();
    });
  }

  get time(): number {
    return this.el.currentTime;
  }

  get playing(): boolean {
    return !this.el.paused;
  }

  subscribe(fn: () => void): () => void {
    return this.listeners.subscribe(fn);
  }

  seek(t: number) {
    this.el.currentTime = Math.max(0, t);
    this.listeners.notify();
  }

  async play(): Promise<void> {
    this.rangeEnd = null;
    await this.el.play();
  }

  pause() {
    this.el.pause();
  }

  toggle(): Promise<void> | void {
    return this.playing ? this.pause() : this.play();
  }

  /** Plays [start, end) once, or repeatedly while loop is on. */
  async playRange(start: number, end: number): Promise<void> {
    this.el.currentTime = start;
    await this.el.play();
    // Set after play(): play() clears the range for plain playback.
    this.rangeStart = start;
    this.rangeEnd = end;
  }

  setRate(rate: number) {
    this.el.preservesPitch = true;
    this.el.playbackRate = rate;
  }

  setLoop(on: boolean) {
    this.loop = on;
    this.listeners.notify();
  }

  /** Called every frame while playing: stops or loops at the end of a played range. */
  tick() {
    if (this.rangeEnd === null || this.el.paused) return;
    if (this.el.currentTime >= this.rangeEnd) {
      if (this.loop) this.el.currentTime = this.rangeStart;
      else {
        this.el.pause();
        this.el.currentTime = this.rangeEnd;
        this.rangeEnd = null;
      }
    }
  }

  dispose() {
    this.el.pause();
    this.el.removeAttribute('src');
    this.el.load();
    this.listeners.clear();
  }
}
