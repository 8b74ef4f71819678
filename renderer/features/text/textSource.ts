// The characters of a text task, fetched once per open: the queue starts the download when the task is chosen
// (while the core reads its annotations), and the workspace takes that same download when it mounts.
import { mediaUrl } from '../../api/tagger.ts';

let current: { assetId: string; text: Promise<string> } | null = null;

/** The document's text; the download already under way for this asset if there is one. */
export function loadText(assetId: string): Promise<string> {
  if (current?.assetId !== assetId) {
    const text = fetch(mediaUrl(assetId)).then((r) => {
      if (!r.ok) throw new Error(`the document could not be loaded (HTTP ${r.status})`);
      return r.text();
    });
    const entry = { assetId, text };
    current = entry;
    // A failed download is not kept: opening again tries again.
    text.catch(() => { if (current === entry) current = null; });
  }
  return current.text;
}

/** Lets go of the text (the workspace closed), unless another download replaced it meanwhile. */
export function releaseText(assetId: string): void {
  if (current?.assetId === assetId) current = null;
}
