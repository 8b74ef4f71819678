import { describe, expect, it } from 'vitest';
import { TypedDataEncoder, Wallet, verifyTypedData, keccak256, getBytes, hexlify, randomBytes } from 'ethers';
import { DEFAULT_DOMAIN, SUBMISSION_TYPES, type SubmissionMessage, type TaggerDomain } from './typedData.ts';
import { SUBMISSION_TYPE, createSubmissionHasher, domainSeparatorHex, submissionDigest } from './submissionDigest.ts';

const types = { Submission: [...SUBMISSION_TYPES.Submission] };
const ethersHash = (d: TaggerDomain, m: SubmissionMessage) => TypedDataEncoder.hash(d, types, m);

const fixed: SubmissionMessage = {
  taskId: 'task-1',
  projectId: 'proj-1',
  contentHash: '0x2c69f68e5adadcebfb2e84d52585756899ec1f0dfb36c6ab81daa0d80435f4ed',
  annotator: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  nonce: '1',
  createdAt: '1764140000000',
};

function randomString(): string {
  const pool = ['a', 'Z', '0', '-', ' ', 'é', '中', '😀', '\u0000', '"'];
  const n = Math.floor(Math.random() * 40);
  let s = '';
  for (let i = 0; i < n; i++) s += pool[Math.floor(Math.random() * pool.length)];
  return s;
}
const randomUint = (bits: number) => (BigInt(hexlify(randomBytes(bits / 8))) >> BigInt(Math.floor(Math.random() * bits))).toString();

describe('submissionDigest (hand-built EIP-712)', () => {
  it('uses the same type string ethers derives from SUBMISSION_TYPES', () => {
    expect(TypedDataEncoder.from(types).encodeType('Submission')).toBe(SUBMISSION_TYPE);
  });

  it('equals ethers TypedDataEncoder.hash on fixed vectors, including the extremes', () => {
    expect(domainSeparatorHex(DEFAULT_DOMAIN)).toBe(TypedDataEncoder.hashDomain(DEFAULT_DOMAIN));
    expect(submissionDigest(DEFAULT_DOMAIN, fixed)).toBe(ethersHash(DEFAULT_DOMAIN, fixed));
    const extremes: SubmissionMessage = { ...fixed, taskId: '', projectId: '😀'.repeat(100), nonce: ((1n << 256n) - 1n).toString(), createdAt: ((1n << 64n) - 1n).toString() };
    expect(submissionDigest(DEFAULT_DOMAIN, extremes)).toBe(ethersHash(DEFAULT_DOMAIN, extremes));
    const zero = { ...fixed, nonce: '0', createdAt: '0', annotator: '0x0000000000000000000000000000000000000000' };
    expect(submissionDigest(DEFAULT_DOMAIN, zero)).toBe(ethersHash(DEFAULT_DOMAIN, zero));
    // pinned, so an accidental change to the types or the encoding is caught even if ethers changed too
    expect(submissionDigest(DEFAULT_DOMAIN, fixed)).toBe('0x60a25b727123a54a3c12968455549153d98b1c477e94063dbbf968d575d3915a');
  });

  it('equals ethers on 300 random messages and domains', () => {
    for (let i = 0; i < 300; i++) {
      const domain: TaggerDomain = { name: 'Tagger', version: randomString(), chainId: Math.floor(Math.random() * 2 ** 40), verifyingContract: hexlify(randomBytes(20)) };
      const m: SubmissionMessage = {
        taskId: randomString(), projectId: randomString(), contentHash: hexlify(randomBytes(32)),
        annotator: hexlify(randomBytes(20)), nonce: randomUint(256), createdAt: randomUint(64),
      };
      expect(submissionDigest(domain, m)).toBe(ethersHash(domain, m));
    }
  });

  it('gives a digest that ethers verifyTypedData (an independent implementation) attributes to the signer', () => {
    for (let i = 0; i < 5; i++) {
      const wallet = Wallet.createRandom();
      const m = { ...fixed, annotator: wallet.address, nonce: String(i), contentHash: hexlify(randomBytes(32)) };
      const sig = wallet.signingKey.sign(submissionDigest(DEFAULT_DOMAIN, m)).serialized;
      expect(verifyTypedData(DEFAULT_DOMAIN, types, m, sig)).toBe(wallet.address);
      // and a signature over someone else's message does not
      const other = { ...m, nonce: String(i + 1) };
      expect(verifyTypedData(DEFAULT_DOMAIN, types, other, sig)).not.toBe(wallet.address);
    }
  });

  it('works with any keccak implementation (the node injects the native one)', () => {
    const hasher = createSubmissionHasher((b) => getBytes(keccak256(b)));
    expect(hexlify(hasher.digest(DEFAULT_DOMAIN, fixed))).toBe(ethersHash(DEFAULT_DOMAIN, fixed));
  });

  it('refuses malformed fields with the field name', () => {
    expect(() => submissionDigest(DEFAULT_DOMAIN, { ...fixed, contentHash: '0x12' })).toThrow(/contentHash/);
    expect(() => submissionDigest(DEFAULT_DOMAIN, { ...fixed, annotator: '0xzz997970C51812dc3A010C7d01b50e0d17dc79C8' })).toThrow(/annotator/);
    expect(() => submissionDigest(DEFAULT_DOMAIN, { ...fixed, nonce: '-1' })).toThrow(/nonce/);
    expect(() => submissionDigest(DEFAULT_DOMAIN, { ...fixed, nonce: (1n << 256n).toString() })).toThrow(/nonce/);
    expect(() => submissionDigest(DEFAULT_DOMAIN, { ...fixed, createdAt: (1n << 64n).toString() })).toThrow(/createdAt/);
    expect(() => submissionDigest(DEFAULT_DOMAIN, { ...fixed, createdAt: '1.5' })).toThrow(/createdAt/);
  });
});
