// Which project label each class of a modality's model proposes as: CenterNet's 80 COCO classes for "Detect
// objects", the entity finders' classes for "Find entities". The same class mapping editor as the Import dialog;
// the default is the automatic match (a label of the class's name, a synonym or its COCO family), shown per row.
// Saved on the project (schema.<kind>.modelLabels), so the next run proposes with it.
import { useEffect, useState } from 'react';
import { tagger } from '../../api/tagger.ts';
import { useApp, toast, errorText } from '../../stores/app.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { ClassMapping, type ClassMappingValue } from '../schema/ClassMapping.tsx';
import { COCO_CLASSES, type ModelClass } from '../../../shared/models/cocoClasses.ts';
import { ENTITY_CLASSES, resolveModelLabel } from '../../../shared/models/modelLabels.ts';
import type { LabelDef, Project } from '../../../shared/domain.ts';

export type ModelKind = 'image' | 'text';
const MODELS: Record<ModelKind, { title: string; classes: readonly ModelClass[] }> = {
  image: { title: 'Object detector classes (CenterNet, COCO)', classes: COCO_CLASSES },
  text: { title: 'Entity finder classes', classes: ENTITY_CLASSES },
};

export function ModelClassesDialog({ kind }: { kind: ModelKind }) {
  const projectId = useApp((s) => s.projectId);
  const [project, setProject] = useState<Project | null>(null);
  const [value, setValue] = useState<ClassMappingValue>({});
  const [error, setError] = useState<string | null>(null);
  const close = () => useApp.setState({ dialog: null });
  useEffect(() => {
    if (!projectId) return;
    void tagger.projects.get(projectId).then((p) => { setProject(p); setValue(p.schema[kind]?.modelLabels ?? {}); }, (e) => setError(errorText(e)));
  }, [projectId, kind]);
  const model = MODELS[kind];
  const labels: LabelDef[] = project?.schema[kind]?.labels ?? [];
  const byClass = new Map(model.classes.map((c, i) => [c.name, { cls: c, id: i }]));
  const auto = (name: string) => {
    const id = resolveModelLabel(labels, undefined, byClass.get(name)!.cls);
    const label = labels.find((l) => l.id === id);
    return label ? `automatic → ${label.name}` : 'automatic: not proposed (no label)';
  };
  const save = async () => {
    if (!project || !projectId) return;
    setError(null);
    try {
      const modality = project.schema[kind] ?? { labels: [], attributes: [] };
      // Only the classes of this model; an entry for another model's class is kept as it was.
      await tagger.projects.update(projectId, { schema: { ...project.schema, [kind]: { ...modality, modelLabels: value } } });
      useApp.setState((s) => ({ schemaRev: s.schemaRev + 1, dialog: null }));
      toast('success', `Saved: ${Object.keys(value).length} class(es) mapped or ignored; the next run proposes with it.`);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Dialog title={model.title} onClose={close} className="model-classes-dialog">
      {error ? <p role="alert" className="result-error">{error}</p> : null}
      {!project ? <p className="muted" aria-busy="true">Loading…</p> : (
        <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <p className="muted">Each class the model finds becomes a suggestion with the label shown. Map a class onto another of this project's {kind} labels, or ignore it.</p>
          <ClassMapping
            rows={model.classes.map((c, i) => ({ name: c.name, id: kind === 'image' ? i : null }))}
            labels={labels}
            value={value}
            onChange={setValue}
            defaultText={(r) => auto(r.name)}
            skipText="ignore (never proposed)"
            caption="Model classes"
          />
          <div className="dialog-actions">
            <button type="button" onClick={close}>Cancel</button>
            <button type="submit" className="primary">Save mapping</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
