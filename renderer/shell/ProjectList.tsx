// The start screen: every project with its progress, and a way to make a new one.
import { useState } from 'react';
import { useApp, toast, errorText } from '../stores/app.ts';
import { navigate, refreshProjects } from '../stores/navigation.ts';
import { tagger } from '../api/tagger.ts';

export function ProjectList() {
  const projects = useApp((s) => s.projects);
  const [name, setName] = useState('');
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
      <ul role="list" aria-label="Project list">
        {projects.map((p) => {
          const summary = `${p.taskCount} tasks · ${p.doneCount} done · ${p.kinds.join(', ') || 'empty'}`;
          return (
          <li key={p.id}>
            <button className="project-card" onClick={() => navigate(p.id)} aria-label={`Open project ${p.name}: ${summary}`}>
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
