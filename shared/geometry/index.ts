// Image geometry shared by the canvas, review diffs, agreement metrics and formats.
export * from './box.ts';
export * from './polygon.ts';
export * from './simplify.ts';
export * from './bounds.ts';
