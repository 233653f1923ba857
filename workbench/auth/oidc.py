"""OpenID Connect team mode: who signed in and which roles their identity token grants.

Streamlit's `st.login` does the protocol (Authlib) and `st.user` holds the identity token's
claims; this module only reads them. Roles come from one configurable claim, a dotted path
into the claims (Keycloak puts realm roles in `realm_access.roles`, a client's roles in
`resource_access.<client>.roles`, a mapper can add a flat `roles` or `groups` claim). Values
not naming a workbench role (after an optional prefix such as `workbench-`) are ignored, so
a token may carry the provider's other roles.

Settings (environment): `WORKBENCH_OIDC_ROLES_CLAIM` (default `roles`),
`WORKBENCH_OIDC_ROLE_PREFIX` (default none), `WORKBENCH_OIDC_USERNAME_CLAIM` (default
`preferred_username`, then `email`, then `sub`), `WORKBENCH_OIDC_PROVIDER` (a named
`[auth.NAME]` provider; default the unnamed `[auth]` one).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workbench.errors import WorkbenchError
from workbench.identity import Actor, NotPermitted, Role

SHARED_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
USERNAME_FALLBACKS = ("email", "sub")


@dataclass(frozen=True)
class OidcSettings:
    roles_claim: str = "roles"
    role_prefix: str = ""
    username_claim: str = "preferred_username"
    provider: str | None = None

    @classmethod
    def from_environment(cls) -> OidcSettings:
        env = os.environ
        return cls(
            roles_claim=env.get("WORKBENCH_OIDC_ROLES_CLAIM", "").strip() or "roles",
            role_prefix=env.get("WORKBENCH_OIDC_ROLE_PREFIX", "").strip(),
            username_claim=env.get("WORKBENCH_OIDC_USERNAME_CLAIM", "").strip()
            or "preferred_username",
            provider=env.get("WORKBENCH_OIDC_PROVIDER", "").strip() or None,
        )


def claim_value(claims: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path (`realm_access.roles`), None where any step is missing."""
    value: Any = claims
    for step in path.split("."):
        if not isinstance(value, Mapping) or step not in value:
            return None
        value = value[step]
    return value


def roles_from_claims(claims: Mapping[str, Any], settings: OidcSettings) -> frozenset[Role]:
    """Workbench roles named by the roles claim (a list, or a space/comma-separated string)."""
    raw = claim_value(claims, settings.roles_claim)
    if isinstance(raw, str):
        values = raw.replace(",", " ").split()
    elif isinstance(raw, list | tuple):
        values = [v for v in raw if isinstance(v, str)]
    else:
        values = []
    prefix = settings.role_prefix.lower()
    roles = set()
    for value in values:
        name = value.strip().lower().lstrip("/")  # Keycloak group paths start with "/"
        if prefix:
            if not name.startswith(prefix):
                continue
            name = name[len(prefix) :]
        if name in Role.__members__.values():
            roles.add(Role(name))
    return frozenset(roles)


def username_from_claims(claims: Mapping[str, Any], settings: OidcSettings) -> str:
    for claim in (settings.username_claim, *USERNAME_FALLBACKS):
        value = claim_value(claims, claim)
        if isinstance(value, str) and value.strip():
            return value.strip().lower()
    raise WorkbenchError(
        f"the identity token has no {settings.username_claim!r}, email or sub claim to name "
        "the user by"
    )


def actor_from_claims(claims: Mapping[str, Any], settings: OidcSettings) -> Actor:
    """The signed-in person; refused when the token grants no workbench role."""
    name = username_from_claims(claims, settings)
    roles = roles_from_claims(claims, settings)
    if not roles:
        wanted = ", ".join(f"{settings.role_prefix}{r.value}" for r in Role)
        raise NotPermitted(
            f"{name} is signed in but holds no workbench role: the provider must put one of "
            f"{wanted} in the {settings.roles_claim!r} claim of the identity token"
        )
    return Actor(name, roles)


def check_auth_secrets(auth: Mapping[str, Any] | None, settings: OidcSettings) -> None:
    """One clear line if the `[auth]` section of secrets.toml cannot work for `st.login`."""
    if not auth:
        raise WorkbenchError(
            "WORKBENCH_AUTH=oidc needs an [auth] section in .streamlit/secrets.toml "
            "(see docs/team.md)"
        )
    missing = [f"[auth] {key}" for key in SHARED_KEYS if not auth.get(key)]
    section = auth
    where = "[auth]"
    if settings.provider:
        where = f"[auth.{settings.provider}]"
        section = auth.get(settings.provider)
        if not isinstance(section, Mapping):
            raise WorkbenchError(f"WORKBENCH_OIDC_PROVIDER names {where}, which secrets.toml lacks")
    missing += [f"{where} {key}" for key in PROVIDER_KEYS if not section.get(key)]
    if missing:
        raise WorkbenchError(f"secrets.toml lacks {', '.join(missing)} (see docs/team.md)")
    for key in ("redirect_uri", "server_metadata_url"):
        value = auth.get(key) if key in SHARED_KEYS else section.get(key)
        if not str(value).startswith(("http://", "https://")):
            raise WorkbenchError(f"{where} {key} must be an absolute http(s) URL: {value!r}")
    if not str(auth["redirect_uri"]).rstrip("/").endswith("/oauth2callback"):
        raise WorkbenchError(
            f"[auth] redirect_uri must end with /oauth2callback: {auth['redirect_uri']!r}"
        )
