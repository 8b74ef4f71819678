// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ProjectEscrow} from "./ProjectEscrow.sol";

/// Per epoch the operator posts one Merkle root over (wallet, project, cumulative reward) leaves, encoded as
/// StandardMerkleTree of the OpenZeppelin merkle-tree library encodes ["address", "bytes32", "uint256"], together with each
/// project's cumulative committed total (checked against its escrow). A wallet claims, for itself only, the
/// difference between a cumulative total and what it already claimed: a missed claim is never lost and nothing
/// is paid twice. Claims may use any posted epoch; cumulative totals only grow.
contract RewardDistributor {
    ProjectEscrow public immutable escrow;
    address public immutable operator;
    uint64 public latestEpoch;
    mapping(uint64 => bytes32) public roots;
    mapping(bytes32 => mapping(address => uint256)) public claimed;

    event EpochPosted(uint64 indexed epoch, bytes32 root, bytes32[] projects, uint256[] totals);
    event Claimed(address indexed account, bytes32 indexed project, uint64 indexed epoch, uint256 amount, uint256 cumulative);

    error NotOperator();
    error WrongEpoch(uint64 expected, uint64 got);
    error LengthMismatch();
    error UnknownEpoch(uint64 epoch);
    error InvalidProof(bytes32 project);
    error NothingToClaim();

    constructor(ProjectEscrow escrow_, address operator_) {
        escrow = escrow_;
        operator = operator_;
    }

    function postEpoch(uint64 epoch, bytes32 root, bytes32[] calldata projects, uint256[] calldata totals) external {
        if (msg.sender != operator) revert NotOperator();
        if (epoch != latestEpoch + 1) revert WrongEpoch(latestEpoch + 1, epoch);
        if (projects.length != totals.length) revert LengthMismatch();
        for (uint256 i = 0; i < projects.length; i++) escrow.commit(projects[i], totals[i]);
        roots[epoch] = root;
        latestEpoch = epoch;
        emit EpochPosted(epoch, root, projects, totals);
    }

    function leafOf(address account, bytes32 project, uint256 cumulative) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, project, cumulative))));
    }

    function claim(uint64 epoch, bytes32[] calldata projects, uint256[] calldata cumulative, bytes32[][] calldata proofs)
        external
        returns (uint256 total)
    {
        if (projects.length != cumulative.length || projects.length != proofs.length) revert LengthMismatch();
        bytes32 root = roots[epoch];
        if (root == bytes32(0)) revert UnknownEpoch(epoch);
        for (uint256 i = 0; i < projects.length; i++) {
            bytes32 project = projects[i];
            if (!MerkleProof.verifyCalldata(proofs[i], root, leafOf(msg.sender, project, cumulative[i]))) revert InvalidProof(project);
            uint256 already = claimed[project][msg.sender];
            if (cumulative[i] <= already) continue;
            uint256 amount = cumulative[i] - already;
            claimed[project][msg.sender] = cumulative[i];
            total += amount;
            escrow.pay(project, msg.sender, amount);
            emit Claimed(msg.sender, project, epoch, amount, cumulative[i]);
        }
        if (total == 0) revert NothingToClaim();
    }
}
