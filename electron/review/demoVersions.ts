// Three annotators' versions of one demo item per modality, made to show every match status a validator meets:
// agreed, label differs, low overlap, missing and extra (and, in text, a nested span and a span with a stray space).
import type { CoreContext } from '../core/context.ts';
import type { ObjectInput } from '../../shared/domain.ts';
import { VersionRepository } from './versions.ts';
import { taskText } from './agreementReport.ts';

export const DEMO_ANNOTATORS = ['amara', 'bruno', 'chen'] as const;
type Who = (typeof DEMO_ANNOTATORS)[number];

const base = { attributes: {}, origin: 'human' as const, hidden: false, locked: false };
const box = (id: string, label: string, x: number, y: number, w: number, h: number, z: number): ObjectInput => ({ ...base, id, kind: 'box', label, geometry: { x, y, w, h }, z });
const poly = (id: string, label: string, points: number[], z: number): ObjectInput => ({ ...base, id, kind: 'polygon', label, geometry: { points }, z });
const seg = (id: string, label: string, tier: string, start: number, end: number, z: number): ObjectInput => ({ ...base, id, kind: 'segment', label, geometry: { start, end, tier }, attributes: { transcript: '' }, z });

const tree = (d: number) => [380 + d, 120, 460 + d, 90, 520 + d, 160, 470 + d, 260, 390 + d, 230];

const IMAGE: Record<Who, ObjectInput[]> = {
  amara: [box('car', 'car', 100, 300, 200, 120, 1), box('person', 'person', 500, 250, 60, 160, 2), box('building', 'building', 700, 50, 200, 250, 3), poly('tree', 'tree', tree(0), 4)],
  bruno: [box('car', 'car', 104, 302, 198, 118, 1), box('person', 'person', 502, 252, 58, 158, 2), box('building', 'tree', 702, 52, 198, 248, 3), poly('tree', 'tree', tree(4), 4), box('sign', 'traffic_sign', 400, 330, 30, 30, 5)],
  chen: [box('car', 'car', 100, 300, 200, 120, 1), box('person', 'person', 530, 250, 60, 160, 2), poly('tree', 'tree', tree(2), 3)],
};

const AUDIO: Record<Who, ObjectInput[]> = {
  amara: [seg('s1', 'speech', 'speaker_a', 0.2, 2.1, 1), seg('s2', 'speech', 'speaker_b', 2.4, 4.0, 2), seg('s3', 'speech', 'speaker_a', 4.3, 6.5, 3)],
  bruno: [seg('s1', 'speech', 'speaker_a', 0.25, 2.0, 1), seg('s2', 'speech', 'speaker_b', 2.4, 4.1, 2), seg('s3', 'speech', 'speaker_a', 4.3, 6.4, 3), seg('s4', 'noise', 'events', 6.8, 7.5, 4)],
  chen: [seg('s1', 'speech', 'speaker_a', 0.2, 2.1, 1), seg('s2', 'speech', 'speaker_a', 2.4, 4.0, 2)],
};

/** Spans by the words they cover (first occurrence), with optional edge offsets to show trimming and overlap. */
type SpanSpec = [label: string, words: string, startShift?: number, endShift?: number];
const TEXT: Record<Who, SpanSpec[]> = {
  amara: [['date', '14 March'], ['organization', 'Port of Rotterdam Authority'], ['location', 'Rotterdam'], ['person', 'Amara Okafor'], ['location', 'Hamburg']],
  bruno: [['date', '14 March'], ['organization', 'Port of Rotterdam Authority'], ['location', 'Rotterdam'], ['person', 'Amara Okafor', -1], ['location', 'Hamburg'], ['organization', 'Nordlicht Logistik']],
  chen: [['organization', 'Port of Rotterdam'], ['organization', 'Rotterdam'], ['person', 'Amara Okafor'], ['location', 'Hamburg']],
};

function spans(text: string, specs: SpanSpec[]): ObjectInput[] {
  return specs.map(([label, words, s = 0, e = 0], i) => {
    const at = text.indexOf(words); // case-sensitive: the dateline's ROTTERDAM is not the nested Rotterdam
    if (at < 0) throw new Error(`demo text lost "${words}"`);
    return { ...base, id: `t${i + 1}`, kind: 'span', label, geometry: { start: at + s, end: at + words.length + e }, z: i + 1 };
  });
}

/** Seeds the versions once, on the demo project's first install. */
export function seedDemoVersions(core: CoreContext, projectId: string): number {
  const versions = new VersionRepository(core.db, core.tasks, core.now);
  const tasks = core.tasks.list(projectId);
  const byName = (n: string) => tasks.find((t) => t.name === n);
  let seeded = 0;
  const put = (name: string, make: (who: Who) => ObjectInput[]) => {
    const t = byName(name);
    if (!t) return;
    for (const who of DEMO_ANNOTATORS) versions.put(t.id, who, make(who), 'demo');
    seeded++;
  };
  core.db.transaction(() => {
    put('street-1.jpg', (w) => IMAGE[w]);
    put('interview.wav', (w) => AUDIO[w]);
    const t = byName('harbour-news.txt');
    if (t) {
      const text = taskText(core, t.assetId, 'text')!;
      put('harbour-news.txt', (w) => spans(text, TEXT[w]));
    }
  })();
  return seeded;
}
