// Where the user is lives in the URL hash (#/p/<project>/t/<task>), so a reload or restart reopens the same task.
import { useApp } from './app.ts';
import { tagger } from '../api/tagger.ts';
import { toast, errorText } from './app.ts';

export function parseHash(hash: string): { projectId: string | null; taskId: string | null } {
  const m = /^#\/p\/([^/]+)(?:\/t\/([^/]+))?/.exec(hash);
  return { projectId: m ? decodeURIComponent(m[1]) : null, taskId: m?.[2] ? decodeURIComponent(m[2]) : null };
}

export function navigate(projectId: string | null, taskId: string | null = null): void {
  const hash = projectId ? `#/p/${encodeURIComponent(projectId)}${taskId ? `/t/${encodeURIComponent(taskId)}` : ''}` : '#/';
  if (location.hash !== hash) location.hash = hash;
  else syncFromHash();
}

export function syncFromHash(): void {
  const { projectId, taskId } = parseHash(location.hash);
  const s = useApp.getState();
  if (s.projectId !== projectId || s.taskId !== taskId) useApp.setState({ projectId, taskId });
  if (projectId && projectId !== s.settings.lastProjectId) {
    void tagger.settings.set({ lastProjectId: projectId }).then((settings) => useApp.setState({ settings })).catch(() => undefined);
  }
}

export async function refreshProjects(): Promise<void> {
  try {
    useApp.setState({ projects: await tagger.projects.list() });
  } catch (e) {
    toast('error', `Could not load projects: ${errorText(e)}`);
  }
}

export async function refreshTasks(): Promise<void> {
  const { projectId, filter } = useApp.getState();
  if (!projectId) return useApp.setState({ tasks: [] });
  try {
    const tasks = await tagger.tasks.list(projectId, {
      ...(filter.status.length ? { status: filter.status } : {}),
      ...(filter.kind.length ? { kind: filter.kind } : {}),
      ...(filter.search ? { search: filter.search } : {}),
    });
    if (useApp.getState().projectId === projectId) useApp.setState({ tasks });
  } catch (e) {
    toast('error', `Could not load the task queue: ${errorText(e)}`);
  }
}

export async function openNextTask(): Promise<void> {
  const { projectId, taskId } = useApp.getState();
  if (!projectId) return;
  const next = await tagger.tasks.next(projectId, taskId);
  if (next) navigate(projectId, next);
  else toast('success', 'Every task in this project is finished.');
}

export async function openPreviousTask(): Promise<void> {
  const { projectId, taskId } = useApp.getState();
  if (!projectId || !taskId) return;
  const prev = await tagger.tasks.previous(projectId, taskId);
  if (prev) navigate(projectId, prev);
}
