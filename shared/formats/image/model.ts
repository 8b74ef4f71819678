// The neutral form every image format converts to and from: one record per image file, objects labelled by
// category NAME (the adapter maps names to the project's label ids), geometry in image pixels.
import type { Box } from '../../geometry/box.ts';
import type { Polygon } from '../../geometry/polygon.ts';
import { polygonBounds as pointBounds } from '../../geometry/polygon.ts';
import type { CategoryDef } from '../vocabulary.ts';
import type { LabelStudioNames } from '../../domain.ts';

export type { CategoryDef };

export type { Box, Polygon };
export { polygonArea } from '../../geometry/polygon.ts';

export type ImageShape = { kind: 'box'; geometry: Box } | { kind: 'polygon'; geometry: Polygon };
export type ImageObject = ImageShape & {
  label: string;
  attributes: Record<string, unknown>;
  /** Paint order the file gives (CVAT z_order); absent: the file's order. */
  z?: number;
  /** Who made the shape, when the file says (CVAT source auto → model). */
  origin?: 'human' | 'model';
  /** The file's own id for the shape (Label Studio region id), kept as the object id when free. */
  id?: string;
};

/** An attribute the file declares for its labels (CVAT <meta>), kept on the project so export writes it back. */
export interface AttributeDecl { name: string; type: 'checkbox' | 'select' | 'text' | 'number'; options?: string[]; default?: string | number | boolean; labels?: string[] }

export interface ImageRecord {
  /** File name as the format names it (may include folders; matching uses the base name). */
  fileName: string;
  width: number;
  height: number;
  objects: ImageObject[];
  /** How the file refers to the image (Label Studio's data URL), kept on the asset for export. */
  ref?: string;
}

/** Something in the input that could not be used: where (file and item) and why. */
export interface FormatIssue { where: string; reason: string }

export interface ParsedImages {
  images: ImageRecord[];
  /** Categories the file declares, in its order, with their ids (some may have no objects). */
  categories: CategoryDef[];
  issues: FormatIssue[];
  /** YOLO: the data.yaml's other top-level keys, kept on the project for export. */
  datasetKeys?: [string, string][];
  /** Attribute declarations (CVAT's label attributes), label names in `labels`. */
  attributes?: AttributeDecl[];
  /** Label Studio: the labelling config's names the file uses. */
  labelStudio?: LabelStudioNames;
}

/** A category as export writes it: the name and the id it had in the dataset (or a fresh one). */
export interface ExportCategory { name: string; id: number; supercategory?: string; color?: string }

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Why a box is unusable, or null when it is fine. */
export function boxProblem(b: Box): string | null {
  if (![b.x, b.y, b.w, b.h].every(finite)) return 'the box has a coordinate that is not a number';
  if (b.w <= 0 || b.h <= 0) return `the box has no area (width ${b.w}, height ${b.h})`;
  return null;
}

/** Why a polygon is unusable, or null when it is fine. */
export function polygonProblem(points: unknown[]): string | null {
  if (!points.every(finite)) return 'the polygon has a coordinate that is not a number';
  if (points.length % 2) return `the polygon has an odd number of coordinates (${points.length})`;
  if (points.length < 6) return `a polygon needs at least 3 points, this one has ${points.length / 2}`;
  return null;
}

/** The bounding box of a polygon, as formats write it ({x, y, w, h}). */
export function polygonBounds(points: number[]): Box {
  const b = pointBounds(points);
  return { x: b.minX, y: b.minY, w: b.maxX - b.minX, h: b.maxY - b.minY };
}

export function baseName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1];
}

export function stem(p: string): string {
  const b = baseName(p);
  const i = b.lastIndexOf('.');
  return i > 0 ? b.slice(0, i) : b;
}

/** Attribute values read back as text (VOC, YOLO) get their type again from the schema's attribute types. */
export function coerceAttribute(value: unknown, type: 'checkbox' | 'select' | 'text' | 'number' | undefined): unknown {
  if (typeof value !== 'string') return value;
  if (type === 'checkbox') return value === 'true' || value === '1';
  if (type === 'number' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return value;
}
