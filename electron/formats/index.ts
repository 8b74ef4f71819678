// Loads every modality's format adapters into the registry. Add one import line per module.
import './registry.ts';
import './text.ts';
import './image.ts';
import './audio.ts';
