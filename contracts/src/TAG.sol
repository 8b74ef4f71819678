// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// The Tagger reward token. Only the deployer (owner) mints: on the demo chain and in tests it funds requesters.
/// Burnable so that slashed stake leaves circulation instead of going to anyone.
contract TAG is ERC20, ERC20Burnable, Ownable {
    constructor() ERC20("Tagger", "TAG") Ownable(msg.sender) {}

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
