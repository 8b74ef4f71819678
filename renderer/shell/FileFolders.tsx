// Where the page may read and write files. In web mode the core accepts paths only in the data directory's exchange
// folder and the folders named with --allow-path; the file fields say so (and suggest a path there) up front,
// rather than letting a user type a path the core will refuse. The desktop app may use any path.
import { useApp } from '../stores/app.ts';

/** A path to show as an example in a file field: inside the first allowed folder in web mode. */
export function usePathExample(name: string, otherwise = `/path/to/${name}`): string {
  const first = useApp((s) => s.info?.fileFolders?.[0]);
  return first ? `${first}/${name}` : otherwise;
}

/** One line naming the folders the page may use; nothing when any path is allowed. */
export function FileFoldersHint() {
  const folders = useApp((s) => s.info?.fileFolders);
  if (!folders?.length) return null;
  return (
    <p className="muted file-folders" aria-label="Folders this page may use">
      This page reads and writes files only in {folders.map((f, i) => <span key={f}>{i ? ', ' : ''}<code>{f}</code></span>)}. To use another folder, start it with <code>tagger serve --allow-path FOLDER</code>.
    </p>
  );
}
