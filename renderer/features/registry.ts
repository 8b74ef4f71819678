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
 *  its picture and tiles beside the objects, the text workspace shows the text (downloaded meanwhile) before its
 *  spans; neither is ready to edit until the objects are all there (edits are refused as "still opening"). */
export const OPENS_WHILE_LOADING: ReadonlySet<AssetKind> = new Set<AssetKind>(['image', 'text']);
