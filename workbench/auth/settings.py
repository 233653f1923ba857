"""Team-mode settings, each one environment variable, read when asked for (not at import)."""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from datetime import timedelta

from workbench.errors import WorkbenchError


class AuthMode(enum.StrEnum):
    NONE = "none"  # single user, loopback only, no sign-in
    PASSWORD = "password"  # accounts in the store
    OIDC = "oidc"  # an OpenID Connect provider through st.login


def auth_mode() -> AuthMode:
    """`WORKBENCH_AUTH`: none (default), password or oidc; anything else is refused."""
    raw = os.environ.get("WORKBENCH_AUTH", "").strip().lower()
    if raw in ("", "0", "off", "false"):
        return AuthMode.NONE
    try:
        return AuthMode(raw)
    except ValueError:
        raise WorkbenchError(
            f"WORKBENCH_AUTH={raw!r} is not a sign-in mode (none, password or oidc)"
        ) from None


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise WorkbenchError(f"{name}={raw!r} must be a whole number of at least 1")
    return int(raw)


@dataclass(frozen=True)
class SignInPolicy:
    """How long a session lives unused, and how many failures lock out a user or a client."""

    idle_timeout: timedelta = timedelta(minutes=60)
    failure_window: timedelta = timedelta(minutes=15)
    max_failures_per_user: int = 5
    max_failures_per_client: int = 20

    @classmethod
    def from_environment(cls) -> SignInPolicy:
        return cls(
            idle_timeout=timedelta(minutes=_positive_int("WORKBENCH_SESSION_IDLE_MINUTES", 60)),
            failure_window=timedelta(minutes=_positive_int("WORKBENCH_SIGNIN_WINDOW_MINUTES", 15)),
            max_failures_per_user=_positive_int("WORKBENCH_SIGNIN_MAX_FAILURES", 5),
            max_failures_per_client=_positive_int("WORKBENCH_SIGNIN_MAX_CLIENT_FAILURES", 20),
        )
