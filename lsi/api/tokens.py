"""API tokens: made, shown once, stored only as a hash. No Django imports.

A token reads ``lsi_<prefix>_<secret>``: the prefix (public, 10 characters) finds the client
in one indexed lookup, the secret (43 characters, 256 bits) is checked against its SHA-256.
A hash this fast is enough for a random secret of that length (nobody guesses 2**256); a
slow password hash would cost every call tens of milliseconds for nothing.
"""
import hashlib
import hmac
import re
import secrets

SHAPE = re.compile(r"lsi_([A-Za-z0-9]{10})_([A-Za-z0-9_-]{43})")


def new_token() -> tuple[str, str, str]:
    """A new token: (token, prefix, hash of the secret)."""
    prefix = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
                     for _ in range(10))
    secret = secrets.token_urlsafe(32)
    return f"lsi_{prefix}_{secret}", prefix, digest(secret)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split(token: str) -> tuple[str, str] | None:
    """(prefix, secret) of a well-formed token, else None."""
    match = SHAPE.fullmatch(token.strip())
    return (match.group(1), match.group(2)) if match else None


def matches(secret: str, stored_hash: str) -> bool:
    return hmac.compare_digest(digest(secret), stored_hash)
