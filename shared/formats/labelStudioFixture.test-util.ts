// Label Studio "JSON" exports as Label Studio 1.x writes them (task envelope with annotations, predictions, drafts,
// file_upload; result fields in Label Studio's order), made from Label Studio's documented export format and its
// default templates' control names, not by our writer.
const annotationEnvelope = (id: number, result: unknown[]) => ({
  id,
  completed_by: 1,
  result,
  was_cancelled: false,
  ground_truth: false,
  created_at: '2024-03-01T10:00:00.000000Z',
  updated_at: '2024-03-01T10:05:00.000000Z',
  draft_created_at: null,
  lead_time: 42.7,
  prediction: {},
  result_count: 0,
  unique_id: '3f1c2e8a-1111-4c5d-9e0f-0123456789ab',
  import_id: null,
  last_action: null,
  task: id,
  project: 3,
  updated_by: 1,
  parent_prediction: null,
  parent_annotation: null,
  last_created_by: null,
});

const taskEnvelope = (id: number, data: Record<string, unknown>, result: unknown[], fileUpload: string) => ({
  id,
  annotations: [annotationEnvelope(id, result)],
  file_upload: fileUpload,
  drafts: [],
  predictions: [],
  data,
  meta: {},
  created_at: '2024-03-01T09:00:00.000000Z',
  updated_at: '2024-03-01T10:05:00.000000Z',
  inner_id: id,
  total_annotations: 1,
  cancelled_annotations: 0,
  total_predictions: 0,
  comment_count: 0,
  unresolved_comment_count: 0,
  last_comment_updated_at: null,
  project: 3,
  updated_by: 1,
  comment_authors: [],
});

/** Object detection + polygons with a per-region "color" choice, on two uploaded images (640×480, 320×200). */
export const LS_IMAGE_EXPORT = [
  taskEnvelope(1, { image: '/data/upload/3/6b1ad2a6-000000000139.jpg' }, [
    {
      original_width: 640, original_height: 480, image_rotation: 0,
      value: { x: 1.5625, y: 4.166666666666667, width: 15.625, height: 12.5, rotation: 0, rectanglelabels: ['car'] },
      id: 'Xk2_8mPq1z', from_name: 'label', to_name: 'image', type: 'rectanglelabels', origin: 'manual',
    },
    {
      original_width: 640, original_height: 480, image_rotation: 0,
      value: { x: 1.5625, y: 4.166666666666667, width: 15.625, height: 12.5, rotation: 0, choices: ['red'] },
      id: 'Xk2_8mPq1z', from_name: 'color', to_name: 'image', type: 'choices', origin: 'manual',
    },
    {
      original_width: 640, original_height: 480, image_rotation: 0,
      value: { points: [[15.625, 20.833333333333332], [23.4375, 20.833333333333332], [23.4375, 41.666666666666664], [15.625, 41.666666666666664]], closed: true, polygonlabels: ['Person'] },
      id: 'bT7-c1LqWe', from_name: 'poly', to_name: 'image', type: 'polygonlabels', origin: 'manual',
    },
  ], '6b1ad2a6-000000000139.jpg'),
  taskEnvelope(2, { image: '/data/upload/3/0c9e44f1-000000000285.jpg' }, [
    {
      original_width: 320, original_height: 200, image_rotation: 0,
      value: { x: 50, y: 25, width: 25, height: 50, rotation: 0, rectanglelabels: ['traffic sign'] },
      id: 'q9ZrT0aa11', from_name: 'label', to_name: 'image', type: 'rectanglelabels', origin: 'manual',
    },
  ], '0c9e44f1-000000000285.jpg'),
];

/** Speaker segmentation with a per-region transcription (the "Audio transcription / Speaker segmentation" templates). */
export const LS_AUDIO_EXPORT = [
  taskEnvelope(1, { audio: '/data/upload/3/9a8b7c6d-interview.wav' }, [
    { original_length: 3, value: { start: 0.25, end: 1.5, channel: 0, labels: ['Speech'] }, id: 'wavesurfer_4l2q', from_name: 'label', to_name: 'audio', type: 'labels', origin: 'manual' },
    { original_length: 3, value: { start: 0.25, end: 1.5, channel: 0, text: ['hello there'] }, id: 'wavesurfer_4l2q', from_name: 'transcription', to_name: 'audio', type: 'textarea', origin: 'manual' },
    { original_length: 3, value: { start: 1.75, end: 2.875, channel: 0, labels: ['Music'] }, id: 'wavesurfer_9xk1', from_name: 'label', to_name: 'audio', type: 'labels', origin: 'manual' },
  ], '9a8b7c6d-interview.wav'),
];

/** Named entities, a relation and a document-level choice (the NER + "Relation Extraction" templates). */
export const LS_TEXT = 'Ada Lovelace worked with Charles Babbage in London.';
export const LS_TEXT_EXPORT = [
  taskEnvelope(1, { text: LS_TEXT }, [
    { value: { start: 0, end: 12, text: 'Ada Lovelace', labels: ['PER'] }, id: 'e1aaaaaaaa', from_name: 'label', to_name: 'text', type: 'labels', origin: 'manual' },
    { value: { start: 25, end: 40, text: 'Charles Babbage', labels: ['PER'] }, id: 'e2bbbbbbbb', from_name: 'label', to_name: 'text', type: 'labels', origin: 'manual' },
    { value: { start: 44, end: 50, text: 'London', labels: ['LOC'] }, id: 'e3cccccccc', from_name: 'label', to_name: 'text', type: 'labels', origin: 'manual' },
    { from_id: 'e1aaaaaaaa', to_id: 'e2bbbbbbbb', type: 'relation', direction: 'right', labels: ['colleague'] },
    { value: { choices: ['History'] }, id: 'c1dddddddd', from_name: 'topic', to_name: 'text', type: 'choices', origin: 'manual' },
  ], ''),
];
