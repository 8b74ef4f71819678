// The node's one door to the chain: `startSettlement` wires the chain state file, the operator and the epoch
// schedule; node.ts calls it only when a chain is configured (--rpc, --operator-key, --contracts).
import type { NodeStore } from '../store/NodeStore.ts';
import { ChainState } from './chainState.ts';
import { ChainOperator, readAddresses, type ChainConfig } from './operator.ts';
import { Settlement } from './settlement.ts';
import { EpochBuilder } from './epochBuilder.ts';

export type { ChainConfig } from './operator.ts';

export function startSettlement(cfg: ChainConfig, deps: { dataDir: string; store: NodeStore; now: () => number; log?: (line: string) => void }): Settlement {
  const operator = new ChainOperator(cfg, readAddresses(cfg.contractsFile));
  const state = ChainState.open(deps.dataDir);
  const s = new Settlement(state, deps.store, operator, new EpochBuilder(deps.dataDir), { epochMs: cfg.epochSeconds * 1000, now: deps.now, log: deps.log ?? ((l) => process.stderr.write(`chain: ${l}\n`)) });
  s.start();
  return s;
}
