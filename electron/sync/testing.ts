// Test helpers for the sync tests: a local text task with unique content.
import type { Core } from '../core/createCore.ts';

export function localTask(core: Core, name = 'Local', text = 'hello world'): string {
  const project = core.projects.findByName(name) ?? core.projects.create({ name });
  const bytes = new TextEncoder().encode(`${text} ${Math.random()}`);
  const sha = core.media.putBytes(bytes);
  core.assets.insertIfMissing({ id: sha, kind: 'text', mime: 'text/plain', originalName: `${sha.slice(0, 6)}.txt`, size: bytes.length, width: null, height: null, durationMs: null, meta: {}, createdAt: 1 });
  return core.tasks.create(project.id, sha).id;
}
