// How much of the open task's document has arrived while a large one opens page by page, as a bar with counts
// (nothing for a document of one page: it is there before anyone could read it).
import { useDocument, LOAD_PAGE } from './documentStore.ts';

const count = (n: number) => n.toLocaleString('en');

/** `note`: what the workspace holds back until the document is whole, said after the count. */
export function DocumentProgress({ className, note }: { className?: string; note?: string }) {
  const p = useDocument((s) => s.progress);
  if (!p || p.total === null || p.total <= LOAD_PAGE) return null;
  return (
    <div className={`doc-progress${className ? ` ${className}` : ''}`} role="status" aria-label="Opening progress">
      <progress max={p.total} value={p.loaded} aria-hidden="true" />
      <span>Loading objects… {count(p.loaded)} of {count(p.total)}{note ? ` · ${note}` : ''}</span>
    </div>
  );
}
