// Which project label a model's class becomes. A project may map each class to one of its labels or to null
// (ignore it); classes it does not map go to the label whose id or name is the class, one of its common synonyms,
// or its family (COCO's super-category), so "Person", "Location" or "Vehicle" labels work without any setup.
import type { LabelDef } from '../domain.ts';
import type { ModelClass } from './cocoClasses.ts';

/** model class name → project label id, or null to ignore the class. Stored on the project's modality schema. */
export type ModelLabelMap = Record<string, string | null>;

/** The classes the text entity finders propose (people, places and organizations; dates to URLs). */
export const ENTITY_CLASSES: readonly ModelClass[] = [
  { name: 'person', group: 'person' },
  { name: 'place', group: 'location' },
  { name: 'organization', group: 'organization' },
  { name: 'date', group: 'date' },
  { name: 'time', group: 'date' },
  { name: 'money', group: 'money' },
  { name: 'percent', group: 'percent' },
  { name: 'email', group: 'contact' },
  { name: 'url', group: 'contact' },
];

const SYNONYMS: Record<string, string[]> = {
  person: ['per', 'people', 'pedestrian', 'human'],
  location: ['loc', 'gpe', 'place'],
  organization: ['org', 'organisation', 'company'],
  percent: ['percentage'],
  money: ['currency', 'amount'],
  email: ['e-mail', 'mail'],
  url: ['link', 'website', 'web address'],
  tv: ['television'],
  vehicle: ['vehicles'],
  animal: ['animals'],
};

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Label id for a class, or null when the project ignores it or has no label for it. */
export function resolveModelLabel(labels: readonly LabelDef[], map: ModelLabelMap | undefined, cls: ModelClass): string | null {
  if (map && Object.hasOwn(map, cls.name)) {
    const to = map[cls.name];
    return to !== null && labels.some((l) => l.id === to) ? to : null;
  }
  const byKey = new Map<string, string>();
  for (const l of labels) {
    if (!byKey.has(norm(l.id))) byKey.set(norm(l.id), l.id);
    if (!byKey.has(norm(l.name))) byKey.set(norm(l.name), l.id);
  }
  for (const word of [cls.name, ...(SYNONYMS[cls.name] ?? []), cls.group, ...(SYNONYMS[cls.group] ?? [])]) {
    const hit = byKey.get(norm(word));
    if (hit) return hit;
  }
  return null;
}
