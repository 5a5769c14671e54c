"""On-chain evidence formats: is this text an address or a transaction id of that chain, checksum included?

Addresses are decoded by bip_utils (checksums: Base58Check for Bitcoin's legacy and Tron addresses, Bech32 and
Bech32m for SegWit and Taproot, EIP-55 for EVM addresses written in mixed case, 32-byte keys for Solana).
Transaction ids are hashes: 64 hex digits (``0x`` first on EVM chains), or a 64-byte Base58 signature on
Solana. Each problem is said in words a comms person can act on.
"""

from __future__ import annotations

import re

from bip_utils import (
    Base58Decoder,
    CoinsConf,
    EthAddrDecoder,
    P2PKHAddrDecoder,
    P2SHAddrDecoder,
    P2TRAddrDecoder,
    P2WPKHAddrDecoder,
    SolAddrDecoder,
    TrxAddrDecoder,
)
from bip_utils.bech32 import SegwitBech32Decoder

EVM_CHAINS = ("ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche")
"""Chains whose addresses and transactions are Ethereum's (``0x`` + 40 or 64 hex digits)."""
CHAINS = ("bitcoin", *EVM_CHAINS, "tron", "solana")
CHAIN_NAMES = {"bitcoin": "Bitcoin", "ethereum": "Ethereum", "bsc": "BNB Smart Chain", "polygon": "Polygon",
               "arbitrum": "Arbitrum One", "optimism": "OP Mainnet", "base": "Base", "avalanche": "Avalanche C-Chain",
               "tron": "Tron", "solana": "Solana"}
HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")
EVM_HEX = re.compile(r"^0x[0-9a-fA-F]{40}$")
EVM_TX = re.compile(r"^0x[0-9a-fA-F]{64}$")


def address_problem(chain: str, address: str) -> str | None:
    """Why ``address`` is not an address on ``chain`` (None when it is one)."""
    name = CHAIN_NAMES[chain]
    if chain in EVM_CHAINS:
        return _evm_address_problem(address, name)
    if chain == "bitcoin":
        return None if _is_bitcoin(address) else (
            f"not a valid {name} address: expected 1..., 3..., bc1q... or bc1p... with a valid checksum")
    decoder = TrxAddrDecoder if chain == "tron" else SolAddrDecoder
    try:
        decoder.DecodeAddr(address)
    except (ValueError, TypeError):
        shape = ("T and 33 Base58 characters with a valid checksum" if chain == "tron"
                 else "32 to 44 Base58 characters that make a 32-byte key")
        return f"not a valid {name} address: expected {shape}"
    return None


def transaction_problem(chain: str, transaction: str) -> str | None:
    """Why ``transaction`` is not a transaction id on ``chain`` (None when it is one)."""
    name = CHAIN_NAMES[chain]
    if chain in EVM_CHAINS:
        return None if EVM_TX.match(transaction) else f"not a valid {name} transaction hash: expected 0x and 64 hex digits"
    if chain in ("bitcoin", "tron"):
        return None if HEX64.match(transaction) else f"not a valid {name} transaction id: expected 64 hex digits"
    try:
        signature = Base58Decoder.Decode(transaction)
    except (ValueError, TypeError):
        signature = b""
    return None if len(signature) == 64 else f"not a valid {name} transaction signature: expected 87 or 88 Base58 characters"


def _evm_address_problem(address: str, name: str) -> str | None:
    """EVM: 0x and 40 hex digits; mixed case must be the EIP-55 checksum (one wrong letter is then caught)."""
    if not EVM_HEX.match(address):
        return f"not a valid {name} address: expected 0x and 40 hex digits"
    digits = address[2:]
    if digits == digits.lower() or digits == digits.upper():
        return None  # no checksum written: valid, if unchecked
    try:
        EthAddrDecoder.DecodeAddr(address)
    except ValueError:
        return (f"not a valid {name} address: its mixed-case checksum (EIP-55) does not match, so a character is wrong; "
                "copy it again from the block explorer")
    return None


def _is_bitcoin(address: str) -> bool:
    """A Bitcoin mainnet address: P2PKH, P2SH, SegWit v0 or Taproot."""
    params = CoinsConf.BitcoinMainNet
    attempts = ((P2PKHAddrDecoder, {"net_ver": params.ParamByKey("p2pkh_net_ver")}),
                (P2SHAddrDecoder, {"net_ver": params.ParamByKey("p2sh_net_ver")}),
                (P2WPKHAddrDecoder, {"hrp": params.ParamByKey("p2wpkh_hrp"), "wit_ver": 0}),
                (P2TRAddrDecoder, {"hrp": params.ParamByKey("p2tr_hrp")}))
    for decoder, options in attempts:
        try:
            decoder.DecodeAddr(address, **options)
            return True
        except (ValueError, TypeError):
            continue
    return _is_bitcoin_p2wsh(address)


def _is_bitcoin_p2wsh(address: str) -> bool:
    """SegWit v0 script hashes (bc1q... with 62 characters), which P2WPKHAddrDecoder refuses by length."""
    try:
        version, program = SegwitBech32Decoder.Decode("bc", address)
    except (ValueError, TypeError):
        return False
    return version == 0 and len(program) == 32


EXPLORERS = {
    "bitcoin": ("https://mempool.space/address/{address}", "https://mempool.space/tx/{transaction}"),
    "ethereum": ("https://etherscan.io/address/{address}", "https://etherscan.io/tx/{transaction}"),
    "bsc": ("https://bscscan.com/address/{address}", "https://bscscan.com/tx/{transaction}"),
    "polygon": ("https://polygonscan.com/address/{address}", "https://polygonscan.com/tx/{transaction}"),
    "arbitrum": ("https://arbiscan.io/address/{address}", "https://arbiscan.io/tx/{transaction}"),
    "optimism": ("https://optimistic.etherscan.io/address/{address}",
                 "https://optimistic.etherscan.io/tx/{transaction}"),
    "base": ("https://basescan.org/address/{address}", "https://basescan.org/tx/{transaction}"),
    "avalanche": ("https://snowtrace.io/address/{address}", "https://snowtrace.io/tx/{transaction}"),
    "tron": ("https://tronscan.org/#/address/{address}", "https://tronscan.org/#/transaction/{transaction}"),
    "solana": ("https://solscan.io/account/{address}", "https://solscan.io/tx/{transaction}"),
}
"""Built-in block explorers (address page, transaction page); ``explorers:`` in herald.yml replaces one chain's."""


def explorer_link(chain: str, address: str | None, transaction: str | None,
                  configured: tuple[tuple[str, str, str], ...] = ()) -> tuple[str, str]:
    """(URL, explorer host) of an address or transaction on its chain's explorer."""
    pages = next(((a, t) for name, a, t in configured if name == chain), EXPLORERS[chain])
    url = pages[0].replace("{address}", address) if address else pages[1].replace("{transaction}", transaction or "")
    return url, url.split("/")[2]
