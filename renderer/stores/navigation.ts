// Where the user is lives in the URL hash (#/p/<project>/t/<task>, or #/p/<project>/review/<task> in review mode),
// so a reload or restart reopens the same task.
import { useApp } from './app.ts';
import { tagger } from '../api/tagger.ts';
import type { TaskSummary } from '../../shared/domain.ts';
import { toast, errorText } from './app.ts';
import { setMovesPending } from '../actions/typeAhead.ts';
import { isTaggerError } from '../../shared/errors.ts';

export function parseHash(hash: string): { projectId: string | null; taskId: string | null; review: { taskId: string | null } | null } {
  const m = /^#\/p\/([^/]+)(?:\/(t|review)(?:\/([^/]+))?)?/.exec(hash);
  const id = m?.[3] ? decodeURIComponent(m[3]) : null;
  return { projectId: m ? decodeURIComponent(m[1]) : null, taskId: m?.[2] === 't' ? id : null, review: m?.[2] === 'review' ? { taskId: id } : null };
}

/** Review mode of a project: its review queue, or one item under review. */
export function navigateReview(projectId: string, taskId: string | null = null): void {
  const hash = `#/p/${encodeURIComponent(projectId)}/review${taskId ? `/${encodeURIComponent(taskId)}` : ''}`;
  if (location.hash !== hash) location.hash = hash;
  syncFromHash();
}

export function navigate(projectId: string | null, taskId: string | null = null): void {
  const hash = projectId ? `#/p/${encodeURIComponent(projectId)}${taskId ? `/t/${encodeURIComponent(taskId)}` : ''}` : '#/';
  // The store follows at once (the hashchange event comes later), so a key pressed again right away moves on from here.
  if (location.hash !== hash) location.hash = hash;
  syncFromHash();
}

export function syncFromHash(): void {
  const { projectId, taskId, review } = parseHash(location.hash);
  const s = useApp.getState();
  if (s.projectId !== projectId || s.taskId !== taskId) useApp.setState({ projectId, taskId });
  if (s.review?.taskId !== review?.taskId || !s.review !== !review) useApp.setState({ review });
  if (projectId) rememberPlace(projectId, review ? null : taskId);
}

// The place is written once the user stops moving (F pressed 20 times writes once), so writes never race each other.
let placeTimer: ReturnType<typeof setTimeout> | undefined;
function rememberPlace(projectId: string, taskId: string | null): void {
  clearTimeout(placeTimer);
  const { settings } = useApp.getState();
  if (settings.lastProjectId === projectId && settings.lastTaskId === taskId) return;
  placeTimer = setTimeout(() => {
    void tagger.settings.set({ lastProjectId: projectId, lastTaskId: taskId }).then((saved) => useApp.setState({ settings: saved })).catch(() => undefined);
  }, 400);
}

/** At start with no place in the address: the project and task open when the app was last used, if still there. */
export async function reopenLastPlace(settings: { lastProjectId: string | null; lastTaskId: string | null }): Promise<void> {
  const { lastProjectId: projectId, lastTaskId: taskId } = settings;
  const placeGiven = () => !!location.hash && location.hash !== '#' && location.hash !== '#/';
  if (!projectId || placeGiven()) return;
  // Only a task the core says is gone falls back to the project: a core still starting (or busy) keeps the place,
  // and the workspace keeps asking for it, instead of the place being forgotten for good.
  const task = taskId ? await tagger.tasks.get(taskId).catch((e) => (isTaggerError(e) && (e.code === 'not_found' || e.code === 'invalid_argument') ? null : 'unknown' as const)) : null;
  if (placeGiven()) return;
  navigate(projectId, task === 'unknown' ? taskId : task?.project.id === projectId ? task.task.id : null);
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

// F and D pressed quickly: each move starts from where the previous one landed, so 20 presses move 20 tasks.
let moves: Promise<void> = Promise.resolve();
function oneMoveAtATime(move: () => Promise<void>): Promise<void> {
  useApp.setState((s) => ({ moving: s.moving + 1 }));
  // Said at once (not in an effect), so a key pressed right after F is already held for the next task.
  setMovesPending(useApp.getState().moving);
  moves = moves.then(move).catch((e) => toast('error', `Could not open the task: ${errorText(e)}`)).finally(() => {
    useApp.setState((s) => ({ moving: s.moving - 1 }));
    setMovesPending(useApp.getState().moving);
  });
  return moves;
}

export function openNextTask(): Promise<void> {
  return oneMoveAtATime(async () => {
    const { projectId, taskId } = useApp.getState();
    if (!projectId) return;
    const next = await tagger.tasks.next(projectId, taskId);
    if (next) navigate(projectId, next);
    else toast('success', 'Every task in this project is finished.');
  });
}

export function openPreviousTask(): Promise<void> {
  return oneMoveAtATime(async () => {
    const { projectId, taskId } = useApp.getState();
    if (!projectId || !taskId) return;
    const prev = await tagger.tasks.previous(projectId, taskId);
    if (prev) navigate(projectId, prev);
  });
}

/** Shows a change to one task in the queue at once (status, object count), without reloading the list. */
export function patchTaskRow(taskId: string, patch: (t: TaskSummary) => Partial<TaskSummary>): void {
  const { tasks } = useApp.getState();
  const i = tasks.findIndex((t) => t.id === taskId);
  if (i < 0) return;
  const next = tasks.slice();
  next[i] = { ...tasks[i], ...patch(tasks[i]) };
  useApp.setState({ tasks: next });
}
