// Matching, agreement statistics and consensus: pure functions shared by the workstation, the node and the CLI.
export * from './assignment.ts';
export * from './overlap.ts';
export * from './match.ts';
export * from './objects.ts';
export * from './timeline.ts';
export * from './stats.ts';
export * from './unitized.ts';
export * from './clusters.ts';
export * from './consensus.ts';
export * from './compare.ts';
export * from './clusterStatus.ts';
