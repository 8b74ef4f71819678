// Which tool mounts for which kind of asset. Each modality's workspace is loaded on demand so the shell stays small.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { AssetKind, ModalitySchema, TaskDetail } from '../../shared/domain.ts';

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

export const PlaceholderWorkspace = lazy(() => import('./placeholder/PlaceholderWorkspace.tsx'));
