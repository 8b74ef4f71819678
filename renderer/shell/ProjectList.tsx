// The start screen: every project with its progress, and a way to make a new one.
import { useEffect, useRef, useState } from 'react';
import { useApp, toast, errorText } from '../stores/app.ts';
import { navigate, refreshProjects } from '../stores/navigation.ts';
import { tagger } from '../api/tagger.ts';

export function ProjectList() {
  const projects = useApp((s) => s.projects);
  const lastProjectId = useApp((s) => s.settings.lastProjectId);
  const [name, setName] = useState('');
  // The default action has focus (UX.md): Enter opens the project worked on last, else the first one. Never taken
  // from a field or a dialog, so a name being typed is not interrupted by the list arriving.
  const listRef = useRef<HTMLUListElement>(null);
  const focusId = projects.some((p) => p.id === lastProjectId) ? lastProjectId : projects[0]?.id;
  useEffect(() => {
    const active = document.activeElement as HTMLElement | null;
    const busy = active?.closest('input, textarea, select, [contenteditable="true"], dialog');
    if (focusId && !busy) listRef.current?.querySelector<HTMLElement>(`[data-project-id="${CSS.escape(focusId)}"]`)?.focus();
  }, [focusId]);
  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const p = await tagger.projects.create({ name });
      setName('');
      await refreshProjects();
      navigate(p.id);
    } catch (err) {
      toast('error', errorText(err));
    }
  };
  return (
    <main className="project-list" aria-label="Projects">
      <h1>Projects</h1>
      {projects.length === 0 ? <p className="muted">No projects yet. Create one below, or import files with <code>npx tagger import --project NAME PATH…</code></p> : null}
      <ul role="list" aria-label="Project list" ref={listRef}>
        {projects.map((p) => {
          const summary = `${p.taskCount} tasks · ${p.doneCount} done · ${p.kinds.join(', ') || 'empty'}`;
          return (
          <li key={p.id}>
            <button className="project-card" data-project-id={p.id} onClick={() => navigate(p.id)} aria-label={`Open project ${p.name}: ${summary}`}>
              <span className="project-name">{p.name}</span>{' '}
              <span className="muted">{summary}</span>
              <progress max={Math.max(1, p.taskCount)} value={p.doneCount} aria-label={`${p.name} progress`} />
            </button>
          </li>
          );
        })}
      </ul>
      <form className="new-project" onSubmit={create}>
        <label>New project <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Name" aria-label="New project name" required maxLength={200} /></label>
        <button type="submit">Create project</button>
      </form>
    </main>
  );
}
