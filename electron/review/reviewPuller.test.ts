// Versions from the node are checked here before anything is stored: a submission signed by someone other than the
// annotator it names, or a document changed after signing, is refused with a reason naming whose version it is.
import { describe, expect, it } from 'vitest';
import { Wallet } from 'ethers';
import { annotationDocument, contentHash, submissionDigest } from '../../shared/signing/document.ts';
import { DEFAULT_DOMAIN } from '../../shared/signing/typedData.ts';
import { versionProblem } from './reviewPuller.ts';

const amara = Wallet.createRandom(), mallory = Wallet.createRandom();
const it0 = { taskId: 't1', projectId: 'p1' };
const doc = annotationDocument('t1', [{ id: 'a', z: 1, kind: 'box', label: 'car', geometry: { x: 0, y: 0, w: 5, h: 5 }, attributes: {}, origin: 'human' }]);
function signed(by: Pick<Wallet, 'signingKey'>, annotator: string, document: unknown = doc, hash = contentHash(doc)) {
  const m = { ...it0, contentHash: hash, annotator, nonce: '1', createdAt: '1700000000000' };
  return { id: `0x${'11'.repeat(32)}`, annotator, nonce: m.nonce, createdAt: m.createdAt, contentHash: hash, signature: by.signingKey.sign(submissionDigest(DEFAULT_DOMAIN, m)).serialized, document };
}

describe('versionProblem', () => {
  it('accepts a version signed by its annotator', () => {
    expect(versionProblem(DEFAULT_DOMAIN, it0, signed(amara, amara.address))).toBeNull();
  });
  it('refuses a version from an unknown signer, a changed document and another task\'s document', () => {
    expect(versionProblem(DEFAULT_DOMAIN, it0, signed(mallory, amara.address))).toMatch(new RegExp(`said to be by ${amara.address} is signed by ${mallory.address}, an unknown signer`));
    expect(versionProblem(DEFAULT_DOMAIN, it0, signed(amara, amara.address, { ...doc, objects: [] }))).toMatch(/does not match the hash its annotator signed/);
    expect(versionProblem(DEFAULT_DOMAIN, it0, signed(amara, amara.address, { ...doc, taskId: 't2' }))).toMatch(/is not a document of this task/);
    expect(versionProblem({ ...DEFAULT_DOMAIN, chainId: 5 }, it0, signed(amara, amara.address))).toMatch(/unknown signer/);
    expect(versionProblem(DEFAULT_DOMAIN, it0, { ...signed(amara, amara.address), signature: '0x1234' })).toMatch(new RegExp(`by ${amara.address} has an unreadable signature`));
  });
});
