"""Who is acting: a person's name and roles, declared in the core so the store can check them.

The store refuses writes an actor's roles do not allow (a translator approving, a translator
changing an approved segment) and revisions authored by anyone but the actor; the `auth`
layer decides who the actor is (a signed-in account, an OIDC identity, or in single-user mode
the local person), and the CLI acts as a named local user (`--as USER`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.errors import WorkbenchError


class Role(enum.StrEnum):
    """What a person may do on a desk; one person can hold several."""

    TRANSLATOR = "translator"  # edits and confirms segments
    REVIEWER = "reviewer"  # approves, rejects (sends back) and unlocks segments
    MANAGER = "manager"  # assigns documents, manages users; may unlock like a reviewer


ALL_ROLES = frozenset(Role)


class NotPermitted(WorkbenchError):
    """The actor's roles do not allow this action; nothing was written."""


def parse_roles(values: Iterable[str]) -> frozenset[Role]:
    """Role names (any case, blanks ignored) as roles; an unknown name is one clear error."""
    roles = set()
    for value in values:
        name = value.strip().lower()
        if not name:
            continue
        try:
            roles.add(Role(name))
        except ValueError:
            known = ", ".join(r.value for r in Role)
            raise WorkbenchError(f"unknown role {value!r} (roles: {known})") from None
    return frozenset(roles)


@dataclass(frozen=True)
class Actor:
    """The person a write is done for: the author recorded with it and the roles checked.

    `Actor.local(name)` is the single-user desk's person, who holds every role (there is
    nobody else to review). Team mode builds actors from signed-in accounts only.
    """

    name: str
    roles: frozenset[Role]

    @classmethod
    def local(cls, name: str) -> Actor:
        return cls(name, ALL_ROLES)

    def has(self, role: Role) -> bool:
        return role in self.roles

    def has_any(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    def require(self, *roles: Role, action: str) -> None:
        """Raise `NotPermitted` unless the actor holds one of `roles`."""
        if not self.has_any(*roles):
            needed = " or ".join(r.value for r in roles)
            held = ", ".join(sorted(r.value for r in self.roles)) or "no role"
            raise NotPermitted(f"{self.name} ({held}) may not {action}: it needs {needed}")
