// What a tool sees of the canvas. Tools are small state machines (idle → drawing/dragging → idle) driven by
// pointer and key events; they never touch Konva or the DOM, only this host.
import type { AnnotationObject, Edit } from '../../../../shared/domain.ts';
import type { Size } from '../../../../shared/geometry/box.ts';

export interface ToolEvent {
  /** Image pixels (float). */
  x: number;
  y: number;
  shift: boolean;
  alt: boolean;
  ctrl: boolean;
}

/** Temporary drawing shown on the live layer: a shape being drawn, or the marquee. */
export type Draft =
  | { kind: 'box'; x: number; y: number; w: number; h: number }
  | { kind: 'polygon'; points: number[]; cursor: { x: number; y: number } | null; closable: boolean }
  | { kind: 'marquee'; x: number; y: number; w: number; h: number };

export interface ToolHost {
  readonly image: Size;
  /** Converts screen pixels to image pixels at the current zoom (handles keep their screen size). */
  px(screenPixels: number): number;
  objects(): ReadonlyMap<string, AnnotationObject>;
  hit(x: number, y: number, tol: number): AnnotationObject | null;
  /** Objects whose bounds lie fully inside the rectangle. */
  inside(minX: number, minY: number, maxX: number, maxY: number): AnnotationObject[];
  selected(): string[];
  select(ids: string[]): void;
  setActiveVertex(i: number): void;
  labelId(): string | null;
  /** Why nothing may be drawn yet (the task's objects still arrive), or null. */
  opening(): string | null;
  /** Geometry shown instead of the stored one while a drag is in progress. */
  previews: Map<string, unknown>;
  setDraft(d: Draft | null): void;
  redraw(): void;
  commit(edit: Edit): void;
  notify(text: string): void;
  setCursor(c: string): void;
  /** The shape under the pointer (drawn brighter on the live layer), or null. */
  setHover(id: string | null): void;
}

export interface Tool {
  down(h: ToolHost, e: ToolEvent): void;
  move(h: ToolHost, e: ToolEvent): void;
  up(h: ToolHost, e: ToolEvent): void;
  dblclick?(h: ToolHost, e: ToolEvent): void;
  /** Enter, Backspace: returns true when the tool used the key. */
  key?(h: ToolHost, key: 'Enter' | 'Backspace'): boolean;
  /** Escape or a tool switch; returns true when something was cancelled. */
  cancel(h: ToolHost): boolean;
  busy(): boolean;
}
