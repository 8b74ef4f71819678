// Registry of file importers; a modality adds its own formats here.
import { audioImporter } from './audio.ts';
import { imageImporter } from './image.ts';
import { textImporter } from './text.ts';
import { TEXT_FORMAT_IMPORTERS } from './textFormats.ts';
import type { FileImporter } from './types.ts';

export const FILE_IMPORTERS: FileImporter[] = [imageImporter, audioImporter, textImporter, ...TEXT_FORMAT_IMPORTERS];

export function importerFor(file: string): FileImporter | null {
  const ext = file.toLowerCase().split('.').pop() ?? '';
  return FILE_IMPORTERS.find((i) => i.extensions.includes(ext)) ?? null;
}

export const SUPPORTED_EXTENSIONS = FILE_IMPORTERS.flatMap((i) => i.extensions);
