// COCO's 80 detection classes in the order CenterNet (and most COCO-trained detectors) number them, each with its
// COCO super-category, so a project label such as "Animal" or "Vehicle" can take a whole family of classes.
export interface ModelClass { name: string; group: string }

const GROUPS: [group: string, names: string][] = [
  ['person', 'person'],
  ['vehicle', 'bicycle, car, motorcycle, airplane, bus, train, truck, boat'],
  ['outdoor', 'traffic light, fire hydrant, stop sign, parking meter, bench'],
  ['animal', 'bird, cat, dog, horse, sheep, cow, elephant, bear, zebra, giraffe'],
  ['accessory', 'backpack, umbrella, handbag, tie, suitcase'],
  ['sports', 'frisbee, skis, snowboard, sports ball, kite, baseball bat, baseball glove, skateboard, surfboard, tennis racket'],
  ['kitchen', 'bottle, wine glass, cup, fork, knife, spoon, bowl'],
  ['food', 'banana, apple, sandwich, orange, broccoli, carrot, hot dog, pizza, donut, cake'],
  ['furniture', 'chair, couch, potted plant, bed, dining table, toilet'],
  ['electronic', 'tv, laptop, mouse, remote, keyboard, cell phone'],
  ['appliance', 'microwave, oven, toaster, sink, refrigerator'],
  ['indoor', 'book, clock, vase, scissors, teddy bear, hair drier, toothbrush'],
];

/** Index i is the detector's class number i. */
export const COCO_CLASSES: readonly ModelClass[] = GROUPS.flatMap(([group, list]) => list.split(', ').map((name) => ({ name, group })));
