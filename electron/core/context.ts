// What every core service and job may build on: the data directory, the store and its repositories, media, events
// and jobs. Services take the parts they use; functions that work across the store (formats, models, review
// reports) take this. The full Core (core.ts) adds the services built on top, and only the composition root
// (createCore.ts) assembles it.
import type { Db } from '../store/db.ts';
import type { MediaStore } from '../media/mediaStore.ts';
import type { SettingsRepository } from '../store/repositories/settings.ts';
import type { ProjectRepository } from '../store/repositories/projects.ts';
import type { AssetRepository } from '../store/repositories/assets.ts';
import type { TaskRepository } from '../store/repositories/tasks.ts';
import type { AnnotationRepository } from '../store/repositories/annotations.ts';
import type { ImportService } from '../import/importService.ts';
import type { EventBus } from './events.ts';
import type { JobRegistry } from './jobs.ts';

export interface CoreContext {
  dataDir: string;
  mode: 'web' | 'desktop';
  /** True for long-running shells (serve, desktop): services may start background work such as tiling or sync. */
  background: boolean;
  db: Db;
  now: () => number;
  fetch: typeof fetch;
  media: MediaStore;
  settings: SettingsRepository;
  projects: ProjectRepository;
  assets: AssetRepository;
  tasks: TaskRepository;
  annotations: AnnotationRepository;
  imports: ImportService;
  events: EventBus;
  jobs: JobRegistry;
  /** Called on close, in reverse order; services register their teardown here. */
  onClose: (fn: () => void | Promise<void>) => void;
}
