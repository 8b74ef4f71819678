// Import and export of annotation formats, for every modality.
import { z } from 'zod';
import { returns } from './define.ts';
import * as s from './schemas.ts';
import type { AssetKind, ImportIssue } from '../domain.ts';

export interface FormatInfo {
  id: string;
  label: string;
  kind: AssetKind;
  output: 'file' | 'directory';
  extension: string | null;
  canImport: boolean;
  canExport: boolean;
}

export interface ExportReport {
  path: string;
  tasks: number;
  objects: number;
  /** Things the format cannot express and were left out, named per item. */
  warnings: string[];
}

export interface AnnotationImportReport {
  tasks: number;
  objects: number;
  skipped: ImportIssue[];
  /** What the import did besides storing objects that the user should know (labels added, work merged). */
  notes?: string[];
}

const formatId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'unknown format id');

export const formatsApi = {
  list: returns<FormatInfo[]>()(z.tuple([])),
  export: returns<ExportReport>()(z.tuple([s.id, formatId, s.localPath('write')])),
  import: returns<AnnotationImportReport>()(z.tuple([s.id, formatId, s.localPath('read')])),
};
