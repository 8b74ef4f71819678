// EIP-712 type of a bundle's signature: the exporter signs keccak256 of manifest.json's exact bytes, so every
// file (each hashed in the manifest) is covered. Bundles are signed under the network's default domain: they
// travel without a node, and the domain ties the signature to Tagger bundles rather than to any one node.
import { DEFAULT_DOMAIN, type TaggerDomain } from '../signing/typedData.ts';

export const BUNDLE_DOMAIN: TaggerDomain = DEFAULT_DOMAIN;

export const BUNDLE_MANIFEST_TYPES = {
  BundleManifest: [
    { name: 'manifestHash', type: 'bytes32' },
    { name: 'exporter', type: 'address' },
    { name: 'projectId', type: 'string' },
    { name: 'format', type: 'uint32' },
    { name: 'createdAt', type: 'uint64' },
  ],
} as const;

export interface BundleManifestMessage {
  manifestHash: string;
  exporter: string;
  projectId: string;
  format: number;
  createdAt: string;
}
