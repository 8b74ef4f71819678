// Annotation formats (COCO, YOLO, CoNLL, RTTM, TextGrid ...): each modality registers adapters here; the CLI
// (`tagger export`, `tagger import --annotations`) and the Import/Export dialog list and run them.
import type { AssetKind } from '../../shared/domain.ts';
import type { AnnotationImportReport, ExportReport, FormatInfo } from '../../shared/api/formats.ts';
import type { CoreContext } from '../core/context.ts';
import type { JobContext } from '../core/jobs.ts';
import type { FileClass, LabelMapping } from '../../shared/formats/vocabulary.ts';

export interface FormatAdapter {
  id: string;
  label: string;
  kind: AssetKind;
  /** Export writes one file or a directory (YOLO writes a folder of .txt files). */
  output: 'file' | 'directory';
  /** Usual extension of the file, without the dot. */
  extension?: string;
  /** Writes the project's annotations to outPath. */
  export?(core: CoreContext, projectId: string, outPath: string, ctx: JobContext): Promise<ExportReport>;
  /** Reads annotations from inPath and stores them on the project's tasks (matched by asset file name).
   *  Valid parts are stored, invalid ones listed in the report; nothing already saved is changed on failure. */
  import?(core: CoreContext, projectId: string, inPath: string, ctx: JobContext, options?: ImportOptions): Promise<AnnotationImportReport>;
  /** The label names the file uses (with their declared ids and object counts), read without storing anything:
   *  what the Import dialog's mapping step shows. Formats without labels to map have none. */
  inspect?(core: CoreContext, projectId: string, inPath: string, ctx: JobContext): Promise<FileClass[]>;
}

export interface ImportOptions {
  /** Names in the file mapped onto labels the project already has ("person" → "Person"). */
  mapping?: LabelMapping;
  /** Resolve names onto the project's labels (exact name or id) without adding any (another annotator's version). */
  fixedVocabulary?: boolean;
}

export const FORMAT_ADAPTERS: FormatAdapter[] = [];

export function registerFormats(...adapters: FormatAdapter[]): void {
  for (const a of adapters) if (!FORMAT_ADAPTERS.some((x) => x.id === a.id)) FORMAT_ADAPTERS.push(a);
}

export function formatInfo(a: FormatAdapter): FormatInfo {
  return { id: a.id, label: a.label, kind: a.kind, output: a.output, extension: a.extension ?? null, canImport: !!a.import, canExport: !!a.export };
}
