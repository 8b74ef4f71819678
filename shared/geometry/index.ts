// Geometry of every object kind, shared by the canvas, the waveform, the text view, review diffs, agreement metrics
// and formats: image shapes (box, polygon), audio segments, text spans, and one validation for all of them.
export * from './box.ts';
export * from './polygon.ts';
export * from './simplify.ts';
export * from './bounds.ts';
export * from './segment.ts';
export * from './span.ts';
export * from './validate.ts';
