// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// Holds each project's budget. The reward distributor may only commit rewards that a deposit backs and only pay
/// out what it committed; after the requester closes the project and the close delay has passed (time for the
/// node to post the last epoch), the requester takes back whatever was never committed.
contract ProjectEscrow {
    using SafeERC20 for IERC20;

    struct Project {
        address requester;
        uint256 deposited;
        uint256 committed;
        uint256 paid;
        uint64 closedAt;
        bool refunded;
    }

    IERC20 public immutable token;
    uint64 public immutable closeDelay;
    address public immutable deployer;
    address public distributor;
    mapping(bytes32 => Project) public projects;

    event Deposited(bytes32 indexed project, address indexed requester, uint256 amount);
    event Committed(bytes32 indexed project, uint256 committed);
    event Paid(bytes32 indexed project, address indexed to, uint256 amount);
    event Closed(bytes32 indexed project, uint64 refundableAt);
    event Refunded(bytes32 indexed project, address indexed requester, uint256 amount);

    error NotRequester(bytes32 project);
    error NotDistributor();
    error AlreadySet();
    error ProjectClosed(bytes32 project);
    error NotClosed(bytes32 project);
    error CloseDelayRunning(bytes32 project, uint64 refundableAt);
    error AlreadyRefunded(bytes32 project);
    error CommitDecreases(bytes32 project, uint256 committed, uint256 requested);
    error CommitBeyondDeposit(bytes32 project, uint256 deposited, uint256 requested);
    error PayBeyondCommitted(bytes32 project, uint256 committed, uint256 paidAfter);
    error ZeroAmount();

    constructor(IERC20 token_, uint64 closeDelay_) {
        token = token_;
        closeDelay = closeDelay_;
        deployer = msg.sender;
    }

    /// Wired once at deployment: the distributor is created after the escrow.
    function setDistributor(address distributor_) external {
        if (msg.sender != deployer || distributor != address(0)) revert AlreadySet();
        distributor = distributor_;
    }

    /// The first depositor of a project becomes its requester; later deposits come from the requester only.
    function deposit(bytes32 project, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Project storage p = projects[project];
        if (p.requester == address(0)) p.requester = msg.sender;
        else if (p.requester != msg.sender) revert NotRequester(project);
        if (p.closedAt != 0) revert ProjectClosed(project);
        p.deposited += amount;
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit Deposited(project, msg.sender, amount);
    }

    function close(bytes32 project) external {
        Project storage p = projects[project];
        if (p.requester != msg.sender) revert NotRequester(project);
        if (p.closedAt != 0) revert ProjectClosed(project);
        p.closedAt = uint64(block.timestamp);
        emit Closed(project, uint64(block.timestamp) + closeDelay);
    }

    /// Returns the budget that no posted epoch committed. Commitments stop once it ran.
    function refund(bytes32 project) external returns (uint256 amount) {
        Project storage p = projects[project];
        if (p.requester != msg.sender) revert NotRequester(project);
        if (p.closedAt == 0) revert NotClosed(project);
        uint64 at = p.closedAt + closeDelay;
        if (block.timestamp < at) revert CloseDelayRunning(project, at);
        if (p.refunded) revert AlreadyRefunded(project);
        p.refunded = true;
        amount = p.deposited - p.committed;
        if (amount > 0) token.safeTransfer(p.requester, amount);
        emit Refunded(project, p.requester, amount);
    }

    /// Raises a project's committed total (cumulative, so re-posting the same total is a no-op).
    function commit(bytes32 project, uint256 total) external {
        if (msg.sender != distributor) revert NotDistributor();
        Project storage p = projects[project];
        if (total < p.committed) revert CommitDecreases(project, p.committed, total);
        if (total == p.committed) return;
        if (p.refunded) revert ProjectClosed(project);
        if (total > p.deposited) revert CommitBeyondDeposit(project, p.deposited, total);
        p.committed = total;
        emit Committed(project, total);
    }

    function pay(bytes32 project, address to, uint256 amount) external {
        if (msg.sender != distributor) revert NotDistributor();
        Project storage p = projects[project];
        uint256 after_ = p.paid + amount;
        if (after_ > p.committed) revert PayBeyondCommitted(project, p.committed, after_);
        p.paid = after_;
        token.safeTransfer(to, amount);
        emit Paid(project, to, amount);
    }

    function available(bytes32 project) external view returns (uint256) {
        Project storage p = projects[project];
        return p.refunded ? 0 : p.deposited - p.committed;
    }
}
