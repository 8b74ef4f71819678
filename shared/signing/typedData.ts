// EIP-712 definitions shared by the workstation (signs with ethers) and the node (verifies by hand, natively).
// Changing a type here changes every signature: bump SIGNING_VERSION when you do.
export const SIGNING_VERSION = '1';

export interface TaggerDomain {
  name: 'Tagger';
  version: string;
  chainId: number;
  verifyingContract: string;
}

/** The default domain of a local/test network; a node announces its own in GET /v1/info. */
export const DEFAULT_DOMAIN: TaggerDomain = {
  name: 'Tagger',
  version: SIGNING_VERSION,
  chainId: 31337,
  verifyingContract: '0x0000000000000000000000000000000000007a66',
};

export const SUBMISSION_TYPES = {
  Submission: [
    { name: 'taskId', type: 'string' },
    { name: 'projectId', type: 'string' },
    { name: 'contentHash', type: 'bytes32' },
    { name: 'annotator', type: 'address' },
    { name: 'nonce', type: 'uint256' },
    { name: 'createdAt', type: 'uint64' },
  ],
} as const;

export interface SubmissionMessage {
  taskId: string;
  projectId: string;
  /** 0x-prefixed keccak256 of the canonical JSON of the annotation document. */
  contentHash: string;
  /** 0x-prefixed checksummed address of the signer. */
  annotator: string;
  /** Decimal string (uint256). */
  nonce: string;
  /** Unix milliseconds, as a decimal string (uint64). */
  createdAt: string;
}

/** A validator's verdict on a task's submissions. consensusHash is the content hash of the document the validator
 *  accepted (the zero hash for a rejection or a send-back); submissionIds are the node's ids of the reviewed work. */
export const REVIEW_TYPES = {
  Review: [
    { name: 'taskId', type: 'string' },
    { name: 'submissionIds', type: 'bytes32[]' },
    { name: 'verdict', type: 'string' },
    { name: 'consensusHash', type: 'bytes32' },
    { name: 'reviewer', type: 'address' },
    { name: 'nonce', type: 'uint256' },
    { name: 'createdAt', type: 'uint64' },
  ],
} as const;

export type ReviewVerdict = 'accept' | 'reject' | 'rework';
export const REVIEW_VERDICTS: readonly ReviewVerdict[] = ['accept', 'reject', 'rework'];

export interface ReviewMessage {
  taskId: string;
  /** 0x-prefixed 32-byte ids, sorted, no duplicates. */
  submissionIds: string[];
  verdict: ReviewVerdict;
  consensusHash: string;
  reviewer: string;
  nonce: string;
  createdAt: string;
}

export const ZERO_HASH = `0x${'0'.repeat(64)}`;

/**
 * A requester's project manifest (publish). The schema, instructions, matching requirements and the asset list
 * are committed to by hash (keccak256 of their canonical JSON, see requests.ts) so a wallet signs one fixed-size
 * message however many assets a project has. Amounts are decimal strings ("2.5") of TAG.
 */
export const PROJECT_TYPES = {
  Project: [
    { name: 'name', type: 'string' },
    { name: 'requester', type: 'address' },
    { name: 'detailsHash', type: 'bytes32' },
    { name: 'assetsHash', type: 'bytes32' },
    { name: 'assetCount', type: 'uint32' },
    { name: 'redundancy', type: 'uint32' },
    { name: 'baseReward', type: 'string' },
    { name: 'budget', type: 'string' },
    { name: 'minReputation', type: 'string' },
    { name: 'leaseSeconds', type: 'uint32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'expiresAt', type: 'uint64' },
  ],
} as const;

export interface ProjectMessage {
  name: string;
  requester: string;
  detailsHash: string;
  assetsHash: string;
  assetCount: number;
  redundancy: number;
  baseReward: string;
  budget: string;
  minReputation: string;
  leaseSeconds: number;
  nonce: string;
  /** Unix milliseconds (decimal string) after which the node refuses the manifest. */
  expiresAt: string;
}

/** An annotator's request for task leases: signed, so nobody leases in another's name; nonce + expiry stop replays. */
export const LEASE_TYPES = {
  LeaseRequest: [
    { name: 'annotator', type: 'address' },
    { name: 'kinds', type: 'string' },
    { name: 'skills', type: 'string' },
    { name: 'max', type: 'uint32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'expiresAt', type: 'uint64' },
  ],
} as const;

/** A validator's signed request for items to review (the k submissions of tasks whose versions are in). */
export const REVIEW_QUEUE_TYPES = {
  ReviewQueueRequest: [
    { name: 'validator', type: 'address' },
    { name: 'max', type: 'uint32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'expiresAt', type: 'uint64' },
  ],
} as const;

export interface ReviewQueueMessage { validator: string; max: number; nonce: string; expiresAt: string }

export interface LeaseMessage {
  annotator: string;
  /** Comma-separated modalities, e.g. "audio,text". */
  kinds: string;
  /** Comma-separated skills and languages the annotator declares, e.g. "birdsong,lang:de" ("" for none). */
  skills: string;
  max: number;
  nonce: string;
  expiresAt: string;
}
