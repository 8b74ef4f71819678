// The contract of the foundation: app info, projects, tasks, annotation documents (with history), settings, jobs.
import { z } from 'zod';
import { returns } from './define.ts';
import * as s from './schemas.ts';
import type {
  AnnotationDocument, AnnotationDocumentPage, AppInfo, EditResult, ImportReport, Project, ProjectSummary, Settings, SyncStatus, TaskDetail, TaskSummary,
} from '../domain.ts';

export const appApi = {
  info: returns<AppInfo>()(z.tuple([])),
};

export const projectsApi = {
  list: returns<ProjectSummary[]>()(z.tuple([])),
  get: returns<Project>()(z.tuple([s.id])),
  create: returns<Project>()(
    z.tuple([z.object({ name: s.name, schema: s.labelSchema.optional(), instructions: z.string().max(100_000).optional(), policy: s.projectPolicy.optional() })]),
  ),
  update: returns<Project>()(
    z.tuple([s.id, z.object({ name: s.name, schema: s.labelSchema, instructions: z.string().max(100_000), policy: s.projectPolicy }).partial()]),
  ),
};

export const taskFilter = z
  .object({
    status: z.array(s.taskStatus).max(6),
    kind: z.array(s.assetKind).max(3),
    search: z.string().max(200),
  })
  .partial();

export const tasksApi = {
  list: returns<TaskSummary[]>()(z.tuple([s.id, taskFilter.optional()])),
  get: returns<TaskDetail>()(z.tuple([s.id])),
  /** The next unfinished task after the given one in queue order (wrapping), or null when all are done. */
  next: returns<string | null>()(z.tuple([s.id, s.id.nullable().optional()])),
  /** The task before the given one in queue order, or null at the start. */
  previous: returns<string | null>()(z.tuple([s.id, s.id])),
  setStatus: returns<TaskSummary>()(z.tuple([s.id, s.taskStatus])),
};

/** The most objects one page of a document may hold (about 40 MB of JSON at 100,000 polygons: a page is a tenth). */
export const MAX_LOAD_PAGE = 20_000;

export const annotationsApi = {
  load: returns<AnnotationDocument>()(z.tuple([s.id])),
  /** A large document in pages (taskId, offset, limit): each answers quickly, so an open shows its progress and
   *  a slow one is never taken for a core that stopped answering and asked for again from the start. */
  loadPage: returns<AnnotationDocumentPage>()(z.tuple([s.id, z.number().int().min(0), z.number().int().min(1).max(MAX_LOAD_PAGE)])),
  edit: returns<EditResult>()(z.tuple([s.id, s.edit])),
  undo: returns<EditResult | null>()(z.tuple([s.id, s.changeId.optional()])),
  redo: returns<EditResult | null>()(z.tuple([s.id, s.changeId.optional()])),
};

export const settingsApi = {
  get: returns<Settings>()(z.tuple([])),
  set: returns<Settings>()(z.tuple([s.settingsPatch])),
};

export const importsApi = {
  /** Import files already on this machine (desktop: chosen in a dialog; web: paths typed by the user). */
  paths: returns<ImportReport>()(z.tuple([s.id, z.array(s.localPath('read')).min(1).max(100_000)])),
};

export const jobsApi = {
  cancel: returns<boolean>()(z.tuple([z.string().max(100)])),
};

export const syncApi = {
  status: returns<SyncStatus>()(z.tuple([])),
};
