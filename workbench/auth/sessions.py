"""Password sign-in: check a password, open a session, resume it from its token, sign out.

Tokens are 256 random bits handed to the browser once; the store keeps only their SHA-256,
so a session cannot be rebuilt from the database. A session ends on sign-out, after the
policy's idle time, on a password change, or when its user is disabled. Failed attempts are
recorded per username and per client; past the policy's limit within its window every
attempt is refused before the password is even looked at.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from workbench.auth.passwords import hash_password, needs_rehash, verify_password
from workbench.auth.settings import SignInPolicy
from workbench.errors import WorkbenchError
from workbench.store.accounts import Accounts, User
from workbench.timeutil import utcnow

# A session's last use is written at most this often (not on every page rerun).
TOUCH_INTERVAL = timedelta(minutes=1)


class SignInRefused(WorkbenchError):
    """Wrong username or password (which of the two is not said), or a disabled account."""


class SignInThrottled(WorkbenchError):
    """Too many failed sign-ins for this username or from this client; wait and retry."""


@dataclass(frozen=True)
class SignedIn:
    user: User
    token: str  # give to the browser; never stored


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Authenticator:
    """Sign-in against the accounts of one store, under one policy."""

    def __init__(self, accounts: Accounts, policy: SignInPolicy | None = None):
        self.accounts = accounts
        self.policy = policy or SignInPolicy.from_environment()

    def sign_in(self, username: str, password: str, client: str) -> SignedIn:
        """A new session for the user, or `SignInRefused` / `SignInThrottled`."""
        name = username.strip().lower()
        self._check_throttle(name, client)
        stored = self.accounts.password_hash(name)
        if not verify_password(stored, password):
            self.accounts.record_failure(name, client)
            raise SignInRefused("wrong username or password")
        user = self.accounts.user(name)
        if user is None or user.disabled:  # disabled between the two reads
            raise SignInRefused("wrong username or password")
        if needs_rehash(stored):
            self.accounts.set_password_hash(name, hash_password(password))
        self.accounts.clear_failures(name)
        token = secrets.token_urlsafe(32)
        self.accounts.open_session(name, token_digest(token))
        return SignedIn(user, token)

    def _check_throttle(self, username: str, client: str) -> None:
        since = utcnow() - self.policy.failure_window
        minutes = int(self.policy.failure_window.total_seconds() // 60)
        if (
            self.accounts.failures_since(since, username=username)
            >= self.policy.max_failures_per_user
        ):
            raise SignInThrottled(
                f"too many failed sign-ins for {username}: try again in {minutes} minutes "
                "or ask a manager to reset the password"
            )
        if (
            self.accounts.failures_since(since, client=client)
            >= self.policy.max_failures_per_client
        ):
            raise SignInThrottled(
                f"too many failed sign-ins from this computer: try again in {minutes} minutes"
            )

    def resume(self, token: str) -> User | None:
        """The user of a live session (touching it), or None: unknown, ended, or idle too
        long (then it is ended here, so the token never works again)."""
        if not token:
            return None
        digest = token_digest(token)
        found = self.accounts.session(digest)
        if found is None:
            return None
        now = utcnow()
        if now - found.last_seen > self.policy.idle_timeout:
            self.accounts.close_session(digest)
            return None
        if now - found.last_seen > TOUCH_INTERVAL:
            self.accounts.touch_session(digest, now)
        return found.user

    def sign_out(self, token: str) -> bool:
        """End the session server-side; its token never works again."""
        return self.accounts.close_session(token_digest(token)) if token else False
