// The annotator name of this machine's own working copy in annotation_objects (schema 1's default).
export const LOCAL_ANNOTATOR = 'local';
