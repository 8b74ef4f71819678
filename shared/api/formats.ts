// Import and export of annotation formats, for every modality.
import { z } from 'zod';
import { returns } from './define.ts';
import * as s from './schemas.ts';
import type { AssetKind, ImportIssue } from '../domain.ts';
import type { FileClass, LabelMapping } from '../formats/vocabulary.ts';

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

/** What the Import dialog's mapping step shows: the label names the file uses, and the mapping last chosen for
 *  this format in this project (ids that are no longer the project's labels left out). */
export interface ImportPreview {
  classes: FileClass[];
  remembered: LabelMapping;
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
  /** Reads the file's label names for the mapping step, storing nothing. Null when the format has no labels to map. */
  inspect: returns<ImportPreview | null>()(z.tuple([s.id, formatId, s.localPath('read')])),
  /** Imports in one transaction. `mapping`: names in the file → project label id, or null to skip; `remember`
   *  keeps the mapping on the project for the next import of this format. `annotator`: the file is that person's
   *  version of the tasks (for review and agreement), leaving the project's own work untouched. */
  import: returns<AnnotationImportReport>()(z.tuple([s.id, formatId, s.localPath('read'), z.object({ mapping: s.labelMapping.optional(), remember: z.boolean().optional(), annotator: z.string().min(1).max(100).optional() }).optional()])),
};
