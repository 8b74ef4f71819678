// The bundled demo project: a few images, audio clips and texts the project made itself, with a schema for each.
import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from './context.ts';
import { RESOURCES_DIR } from './paths.ts';
import type { LabelSchema } from '../../shared/domain.ts';
import { seedDemoVersions } from '../review/demoVersions.ts';

export const DEMO_PROJECT = 'Demo';

/** Creates the demo project on first start; never touches it again (a user may have edited or renamed it). */
export async function ensureDemoProject(core: CoreContext): Promise<boolean> {
  if (core.settings.getRaw<boolean>('demo.installed')) return false;
  const dir = path.join(RESOURCES_DIR, 'demo');
  const schema = JSON.parse(fs.readFileSync(path.join(dir, 'schema.json'), 'utf8')) as LabelSchema;
  const instructions = fs.readFileSync(path.join(dir, 'instructions.md'), 'utf8');
  const project = core.projects.findByName(DEMO_PROJECT) ?? core.projects.create({ name: DEMO_PROJECT, schema, instructions });
  await core.imports.importPaths(project.id, ['images', 'audio', 'text'].map((d) => path.join(dir, d)));
  // One item per modality carries three annotators' versions, so review mode and `tagger agreement` have work.
  seedDemoVersions(core, project.id);
  core.settings.setRaw('demo.installed', true);
  return true;
}
