// Which tool mounts for which kind of asset. Each modality's workspace is loaded on demand so the shell stays small.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { AssetKind, ModalitySchema, TaskDetail } from '../../shared/domain.ts';
import { loadText } from './text/textSource.ts';

export interface WorkspaceProps {
  detail: TaskDetail;
  schema: ModalitySchema;
}

type Workspace = ComponentType<WorkspaceProps> | LazyExoticComponent<ComponentType<WorkspaceProps>>;

export const WORKSPACES: Partial<Record<AssetKind, Workspace>> = {
  image: lazy(() => import('./image/ImageWorkspace.tsx')),
  audio: lazy(() => import('./audio/AudioWorkspace.tsx')),
  text: lazy(() => import('./text/TextWorkspace.tsx')),
};

/** What a workspace fetches first, started as soon as its task is chosen (in parallel with reading its
 *  annotations) instead of after it mounted: the text of a 10 MB document took 0.3 s on the open path. */
export const PREFETCH: Partial<Record<AssetKind, (assetId: string) => void>> = {
  text: (assetId) => void loadText(assetId).catch(() => undefined),
};

export const PlaceholderWorkspace = lazy(() => import('./placeholder/PlaceholderWorkspace.tsx'));

/** Workspaces mounted as soon as their task is known, while its document is still arriving: the image canvas loads
 *  its picture and tiles beside the objects and is not ready to edit until they are all there. Not text: measured
 *  on the 10x document (text.bench, same load, old and new in turn), its 10 MB text arrives about when its 100,000
 *  spans do (text on screen 690 vs 735 ms), and rendering it while the pages are parsed made the open to interactive
 *  slower (1261 vs 939 ms). The text workspace still handles a document that is opening (progress in the span list,
 *  edits refused as "still opening"). */
export const OPENS_WHILE_LOADING: ReadonlySet<AssetKind> = new Set<AssetKind>(['image']);
