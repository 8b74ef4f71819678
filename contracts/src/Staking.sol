// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {AnchorRegistry} from "./AnchorRegistry.sol";

/// Annotator stake. Unstaking waits a delay, during which the stake can still be slashed. The operator slashes
/// only against a rejection that is published: a review id anchored in AnchorRegistry (the signed review itself
/// is in the published record, where anyone can check that it rejects this account's work). Slashed TAG is burnt.
contract Staking {
    using SafeERC20 for IERC20;

    struct Pending {
        uint256 amount;
        uint64 availableAt;
    }

    ERC20Burnable public immutable token;
    AnchorRegistry public immutable anchors;
    address public immutable operator;
    uint64 public immutable unstakeDelay;
    mapping(address => uint256) public staked;
    mapping(address => Pending) public pending;
    /// One slash per (rejecting review, rejected account): a review may reject the work of several annotators.
    mapping(bytes32 => mapping(address => bool)) public slashedFor;

    event Staked(address indexed account, uint256 amount);
    event UnstakeRequested(address indexed account, uint256 amount, uint64 availableAt);
    event Withdrawn(address indexed account, uint256 amount);
    event Slashed(address indexed account, uint256 amount, uint64 epoch, bytes32 indexed reviewId);

    error ZeroAmount();
    error InsufficientStake(uint256 staked, uint256 requested);
    error NothingToWithdraw();
    error UnstakeDelayRunning(uint64 availableAt);
    error NotOperator();
    error AlreadySlashed(bytes32 reviewId, address account);
    error RejectionNotAnchored(bytes32 reviewId);

    constructor(ERC20Burnable token_, AnchorRegistry anchors_, address operator_, uint64 unstakeDelay_) {
        token = token_;
        anchors = anchors_;
        operator = operator_;
        unstakeDelay = unstakeDelay_;
    }

    function stake(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        staked[msg.sender] += amount;
        IERC20(address(token)).safeTransferFrom(msg.sender, address(this), amount);
        emit Staked(msg.sender, amount);
    }

    function requestUnstake(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        uint256 s = staked[msg.sender];
        if (amount > s) revert InsufficientStake(s, amount);
        staked[msg.sender] = s - amount;
        Pending storage p = pending[msg.sender];
        p.amount += amount;
        p.availableAt = uint64(block.timestamp) + unstakeDelay;
        emit UnstakeRequested(msg.sender, amount, p.availableAt);
    }

    function withdraw() external returns (uint256 amount) {
        Pending storage p = pending[msg.sender];
        amount = p.amount;
        if (amount == 0) revert NothingToWithdraw();
        if (block.timestamp < p.availableAt) revert UnstakeDelayRunning(p.availableAt);
        p.amount = 0;
        IERC20(address(token)).safeTransfer(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
    }

    /// The review (id, reviewer, reward) must be a leaf of the epoch's anchored root. Takes from the active
    /// stake first, then from a pending unstake, so unstaking does not escape a published rejection.
    function slash(
        address account,
        uint256 amount,
        uint64 epoch,
        bytes32 reviewId,
        address reviewer,
        uint256 reviewReward,
        bytes32[] calldata proof
    ) external returns (uint256 taken) {
        if (msg.sender != operator) revert NotOperator();
        if (slashedFor[reviewId][account]) revert AlreadySlashed(reviewId, account);
        if (!anchors.isAnchored(epoch, reviewId, reviewer, reviewReward, proof)) revert RejectionNotAnchored(reviewId);
        slashedFor[reviewId][account] = true;
        uint256 fromStake = amount <= staked[account] ? amount : staked[account];
        staked[account] -= fromStake;
        uint256 rest = amount - fromStake;
        Pending storage p = pending[account];
        uint256 fromPending = rest <= p.amount ? rest : p.amount;
        p.amount -= fromPending;
        taken = fromStake + fromPending;
        if (taken > 0) token.burn(taken);
        emit Slashed(account, taken, epoch, reviewId);
    }
}
