// A file importer turns one file on disk into one or more items (assets with optional pre-made objects).
import type { AssetKind, ObjectInput } from '../../../shared/domain.ts';
import type { TaskSource } from '../../store/repositories/tasks.ts';

export interface ImportedItem {
  kind: AssetKind;
  mime: string;
  originalName: string;
  /** Either a file to copy into the media store as is, or bytes made by the importer (e.g. one JSONL line). */
  file?: string;
  bytes?: Uint8Array;
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
  /** What the content itself is (lines, characters...): kept on the asset, which every project with it shares. */
  meta?: Record<string, unknown>;
  /** What this file said about the item (its id, metadata, CoNLL columns): kept on the project's task. */
  source?: TaskSource;
  /** Annotations that came with the item (CoNLL tags, JSONL spans...); stored without undo history. */
  objects?: ObjectInput[];
}

export interface ImportWarning { line?: number; reason: string }

export interface FileImporter {
  /** Short name for messages. */
  name: string;
  /** Lower-case extensions without the dot. */
  extensions: string[];
  /** Reads the file; throws TaggerError with a reason a user can act on when it cannot be used. */
  read(file: string, warn: (w: ImportWarning) => void): Promise<ImportedItem[]>;
}
