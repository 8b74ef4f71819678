// Settings, the shortcut list and the command palette: all built from the same action registry.
import { useMemo, useState } from 'react';
import { useApp, toast, errorText } from '../stores/app.ts';
import { tagger } from '../api/tagger.ts';
import { listActions, isEnabled, useActionRegistry, type Action } from '../actions/registry.ts';
import { prettyChord } from '../actions/keys.ts';
import { Dialog } from '../ui/Dialog.tsx';

const close = () => useApp.setState({ dialog: null });

export function ShortcutTable({ actions }: { actions: Action[] }) {
  const groups = new Map<string, Action[]>();
  for (const a of actions) if (a.keys?.length) groups.set(a.group, [...(groups.get(a.group) ?? []), a]);
  return (
    <table className="shortcuts" aria-label="Keyboard shortcuts">
      <tbody>
        {[...groups].map(([g, list]) => [
          <tr key={g}><th colSpan={2}>{g}</th></tr>,
          ...list.map((a) => <tr key={a.id}><td>{a.title}</td><td>{a.keys!.map((k) => <kbd key={k}>{prettyChord(k)}</kbd>)}</td></tr>),
        ])}
      </tbody>
    </table>
  );
}

export function SettingsDialog() {
  const settings = useApp((s) => s.settings);
  const info = useApp((s) => s.info);
  const [nodeUrl, setNodeUrl] = useState(settings.nodeUrl);
  useActionRegistry((s) => s.version);
  const save = async (patch: Parameters<typeof tagger.settings.set>[0]) => {
    try {
      useApp.setState({ settings: await tagger.settings.set(patch) });
      toast('success', 'Settings saved');
    } catch (e) {
      toast('error', errorText(e));
    }
  };
  return (
    <Dialog title="Settings" onClose={close}>
      <form className="settings" onSubmit={(e) => { e.preventDefault(); void save({ nodeUrl }); }}>
        <label>Data directory <input readOnly value={info?.dataDir ?? ''} aria-label="Data directory" /></label>
        <p className="muted">Start with <code>--data DIR</code> to use another data directory.</p>
        <label>Network node URL <input value={nodeUrl} onChange={(e) => setNodeUrl(e.target.value)} aria-label="Network node URL" /></label>
        <button type="submit">Save node URL</button>
        <label>Theme
          <select aria-label="Theme" value={settings.theme} onChange={(e) => void save({ theme: e.target.value as 'dark' | 'light' })}>
            <option value="dark">Dark</option>
            <option value="light">Light</option>
          </select>
        </label>
        <p className="muted">Version {info?.version} · {info?.mode === 'desktop' ? 'desktop' : 'local web mode'}</p>
      </form>
      <h3>Keyboard shortcuts</h3>
      <ShortcutTable actions={listActions()} />
    </Dialog>
  );
}

export function ShortcutDialog() {
  useActionRegistry((s) => s.version);
  return (
    <Dialog title="Keyboard shortcuts" onClose={close}>
      <ShortcutTable actions={listActions()} />
    </Dialog>
  );
}

export function CommandPalette() {
  const [q, setQ] = useState('');
  const [sel, setSel] = useState(0);
  // actions registered while the palette is open (a workspace that finished loading) join the list
  const version = useActionRegistry((s) => s.version);
  const items = useMemo(() => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return listActions().filter((a) => a.id !== 'app.palette' && isEnabled(a) && words.every((w) => `${a.group} ${a.title}`.toLowerCase().includes(w)));
  }, [q, version]);
  const run = (a: Action | undefined) => {
    if (!a) return;
    close();
    setTimeout(() => void a.run(), 0);
  };
  return (
    <Dialog title="Command palette" onClose={close}>
      <input autoFocus aria-label="Search commands" value={q} placeholder="Type a command…"
        onChange={(e) => { setQ(e.target.value); setSel(0); }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { setSel((s) => Math.min(items.length - 1, s + 1)); e.preventDefault(); }
          if (e.key === 'ArrowUp') { setSel((s) => Math.max(0, s - 1)); e.preventDefault(); }
          if (e.key === 'Enter') { run(items[sel]); e.preventDefault(); }
        }} />
      <ul role="listbox" aria-label="Commands" className="palette-list">
        {items.map((a, i) => (
          <li key={a.id} role="option" aria-selected={i === sel} onClick={() => run(a)}>
            <span>{a.group}: {a.title}</span>
            <span>{a.keys?.map((k) => <kbd key={k}>{prettyChord(k)}</kbd>)}</span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
