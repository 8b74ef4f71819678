// The compiled contracts (built by contracts/build.mjs, checked in) and their deployment. Node, the workstation
// core, tests and the demo chain all deploy and talk to the contracts through this module.
import { Contract, ContractFactory, Interface, JsonRpcProvider, type ContractRunner, type Signer } from 'ethers';
import built from './build/contracts.json' with { type: 'json' };

export type ContractName = 'TAG' | 'ProjectEscrow' | 'RewardDistributor' | 'AnchorRegistry' | 'Staking';

export const ARTIFACTS = built.contracts as Record<ContractName, { abi: any[]; bytecode: string }>;

/** Where the five contracts of one deployment live; the node and the workstation read it from a JSON file. */
export interface ChainAddresses {
  chainId: number;
  tag: string;
  escrow: string;
  distributor: string;
  anchors: string;
  staking: string;
}

const ALL_ERRORS = new Interface(
  Object.values(ARTIFACTS).flatMap((a) => a.abi.filter((f) => f.type === 'error')).filter((f, i, all) => all.findIndex((g) => g.name === f.name) === i),
);

/**
 * The contract error a failed call or transaction reverted with, by name ("InvalidProof"), with its arguments;
 * null when the failure is not a revert of ours (RPC down, out of gas...). ethers leaves reverts found while
 * estimating gas undecoded, so this decodes the raw data against every contract's errors.
 */
export function revertOf(e: unknown): { name: string; args: unknown[] } | null {
  const err = e as { revert?: { name: string; args: unknown[] } | null; data?: unknown };
  if (err?.revert?.name) return { name: err.revert.name, args: [...err.revert.args] };
  if (typeof err?.data !== 'string' || err.data.length < 10) return null;
  try {
    const parsed = ALL_ERRORS.parseError(err.data);
    return parsed ? { name: parsed.name, args: [...parsed.args] } : null;
  } catch {
    return null;
  }
}

export const RPC_DEADLINE_MS = 20_000;

/** Fails `p` with "what: no answer from the RPC" after `ms`: a slow RPC must fail an attempt, never hang it. */
export function withDeadline<T>(p: Promise<T>, what: string, ms = RPC_DEADLINE_MS): Promise<T> {
  let t: ReturnType<typeof setTimeout>;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise<never>((_, reject) => (t = setTimeout(() => reject(new Error(`${what}: no answer from the RPC in ${ms / 1000} s`)), ms))),
  ]);
}

/** A provider for an RPC URL, tuned for prompt local chains. */
export function providerFor(url: string, chainId?: number): JsonRpcProvider {
  // no response cache: two transactions sent within 250 ms would otherwise get the same cached nonce
  const p = new JsonRpcProvider(url, chainId, { cacheTimeout: -1, ...(chainId === undefined ? {} : { staticNetwork: true }) });
  // anvil mines each transaction at once; ethers' default 4 s polling would make every wait() slow
  p.pollingInterval = 50;
  return p;
}

export function contractAt(name: ContractName, address: string, runner: ContractRunner): Contract {
  return new Contract(address, ARTIFACTS[name].abi, runner);
}

export interface TaggerContracts {
  tag: Contract;
  escrow: Contract;
  distributor: Contract;
  anchors: Contract;
  staking: Contract;
}

export function connectContracts(a: ChainAddresses, runner: ContractRunner): TaggerContracts {
  return {
    tag: contractAt('TAG', a.tag, runner),
    escrow: contractAt('ProjectEscrow', a.escrow, runner),
    distributor: contractAt('RewardDistributor', a.distributor, runner),
    anchors: contractAt('AnchorRegistry', a.anchors, runner),
    staking: contractAt('Staking', a.staking, runner),
  };
}

/**
 * Deploys TAG, the escrow, the distributor, the anchor registry and staking, and wires the escrow to the
 * distributor. `operator` is the node's key: the only one that posts epochs and anchors and slashes.
 */
export async function deployTagger(deployer: Signer, opts: { operator: string; closeDelaySeconds?: number; unstakeDelaySeconds?: number }): Promise<ChainAddresses> {
  const deploy = async (name: ContractName, ...args: unknown[]) => {
    const f = new ContractFactory(ARTIFACTS[name].abi, ARTIFACTS[name].bytecode, deployer);
    const c = await f.deploy(...args);
    await c.waitForDeployment();
    return c.getAddress();
  };
  const tag = await deploy('TAG');
  const escrow = await deploy('ProjectEscrow', tag, opts.closeDelaySeconds ?? 7 * 24 * 3600);
  const distributor = await deploy('RewardDistributor', escrow, opts.operator);
  await (await (contractAt('ProjectEscrow', escrow, deployer).setDistributor(distributor) as Promise<any>)).wait();
  const anchors = await deploy('AnchorRegistry', opts.operator);
  const staking = await deploy('Staking', tag, anchors, opts.operator, opts.unstakeDelaySeconds ?? 7 * 24 * 3600);
  const { chainId } = await deployer.provider!.getNetwork();
  return { chainId: Number(chainId), tag, escrow, distributor, anchors, staking };
}
