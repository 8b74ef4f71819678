// A project's agreement across annotators' versions, computed by shared/agreement from what the store holds.
import fs from 'node:fs';
import type { CoreContext } from '../core/context.ts';
import { DEFAULT_POLICY, projectAgreement, type AgreementPolicy, type ItemInput, type ProjectAgreement } from '../../shared/agreement/index.ts';
import { VersionRepository } from './versions.ts';

export function agreementPolicy(policy: { agreement?: Partial<AgreementPolicy> }): AgreementPolicy {
  return { ...DEFAULT_POLICY, ...(policy.agreement ?? {}) };
}

/** Text of a text task (spans are compared with whitespace at their edges trimmed). */
export function taskText(core: CoreContext, assetId: string, kind: string): string | undefined {
  return kind === 'text' ? fs.readFileSync(core.media.pathOf(assetId), 'utf8') : undefined;
}

export function projectAgreementReport(core: CoreContext, projectId: string): ProjectAgreement & { tasks: number } {
  const project = core.projects.get(projectId);
  const versions = new VersionRepository(core.db, core.tasks, core.now);
  const ids = versions.tasksWithVersions(project.id, 2);
  const items: ItemInput[] = ids.map((id) => {
    const task = core.tasks.get(id);
    const asset = core.assets.get(task.assetId);
    return { text: taskText(core, asset.id, asset.kind), versions: versions.load(id).map((v) => ({ annotator: v.annotator, objects: v.objects })) };
  });
  return { ...projectAgreement(items, agreementPolicy(project.policy as { agreement?: Partial<AgreementPolicy> })), tasks: ids.length };
}
