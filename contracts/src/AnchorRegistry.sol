// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// Per epoch, one Merkle root over every accepted submission and review of the epoch, leaves encoded as
/// StandardMerkleTree encodes ["bytes32", "address", "uint256"] = (item id, signer, reward in base units), and
/// the hash of the epoch's rules (reward formula and thresholds) that anyone can recompute rewards with.
contract AnchorRegistry {
    struct Anchor {
        bytes32 root;
        bytes32 rulesHash;
        uint64 count;
        uint64 postedAt;
    }

    address public immutable operator;
    uint64 public latestEpoch;
    mapping(uint64 => Anchor) public anchors;

    event Anchored(uint64 indexed epoch, bytes32 root, bytes32 rulesHash, uint64 count);

    error NotOperator();
    error WrongEpoch(uint64 expected, uint64 got);

    constructor(address operator_) {
        operator = operator_;
    }

    function anchor(uint64 epoch, bytes32 root, bytes32 rulesHash, uint64 count) external {
        if (msg.sender != operator) revert NotOperator();
        if (epoch != latestEpoch + 1) revert WrongEpoch(latestEpoch + 1, epoch);
        anchors[epoch] = Anchor(root, rulesHash, count, uint64(block.timestamp));
        latestEpoch = epoch;
        emit Anchored(epoch, root, rulesHash, count);
    }

    function leafOf(bytes32 id, address signer, uint256 reward) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(id, signer, reward))));
    }

    function isAnchored(uint64 epoch, bytes32 id, address signer, uint256 reward, bytes32[] calldata proof) public view returns (bool) {
        bytes32 root = anchors[epoch].root;
        return root != bytes32(0) && MerkleProof.verifyCalldata(proof, root, leafOf(id, signer, reward));
    }
}
