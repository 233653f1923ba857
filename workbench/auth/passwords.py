"""Password hashing with argon2id (argon2-cffi's RFC 9106 low-memory profile).

A hash carries its own parameters, so raising them later only needs `needs_rehash` on the
next successful sign-in.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from workbench.errors import WorkbenchError

MIN_PASSWORD_CHARS = 10
_hasher = PasswordHasher()  # argon2id; time_cost 3, 64 MiB, parallelism 4
# Verified against when the user is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


def check_password_rules(password: str) -> None:
    """Refuse passwords too short to resist guessing (one clear line)."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise WorkbenchError(f"the password is too short: at least {MIN_PASSWORD_CHARS} characters")
    if password != password.strip():
        raise WorkbenchError("the password starts or ends with a space; leave them out")


def hash_password(password: str) -> str:
    check_password_rules(password)
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True if `password` matches; a missing hash still costs one verification."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
