// Locations of the app's own files (built renderer, resources), overridable for the packaged desktop build.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = process.env.TAGGER_APP_ROOT ?? path.resolve(here, '../..');
export const RESOURCES_DIR = path.join(PROJECT_ROOT, 'resources');
export const RENDERER_DIST = process.env.TAGGER_RENDERER_DIST ?? path.join(PROJECT_ROOT, 'dist', 'renderer');

export function appVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}
