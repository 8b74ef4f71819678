// Reads the anchor roots of the given epochs from the AnchorRegistry named by an export, for `tagger verify --rpc`.
import { connectContracts, providerFor, withDeadline } from '../../contracts/artifacts.ts';
import type { VerifiableExport } from '../../shared/chain/verifiableExport.ts';
import type { OnChainAnchor } from './verifyExport.ts';

export async function anchorsOnChain(rpc: string, exp: VerifiableExport): Promise<Map<number, OnChainAnchor>> {
  if (!exp.chain) throw new Error('this export comes from a node without a chain: nothing in it is anchored, so there is nothing to compare on chain');
  const provider = providerFor(rpc);
  try {
    const net = await withDeadline(provider.getNetwork(), `connecting to ${rpc}`, 10_000);
    if (Number(net.chainId) !== exp.chain.chainId) throw new Error(`the RPC ${rpc} serves chain ${net.chainId}, but the export's contracts are on chain ${exp.chain.chainId}`);
    const c = connectContracts(exp.chain, provider);
    const out = new Map<number, OnChainAnchor>();
    for (const e of exp.epochs) {
      const a = (await withDeadline(c.anchors.anchors(e.epoch), 'reading the anchor registry')) as { root: string; rulesHash: string };
      if (a.root !== `0x${'0'.repeat(64)}`) out.set(e.epoch, { root: a.root, rulesHash: a.rulesHash });
    }
    return out;
  } finally {
    provider.destroy();
  }
}
