"""OIDC team mode offline: the secrets.toml [auth] section is checked, claims become roles."""

from __future__ import annotations

import tomllib

import pytest

from workbench.auth.oidc import (
    OidcSettings,
    actor_from_claims,
    check_auth_secrets,
    roles_from_claims,
)
from workbench.auth.settings import AuthMode, auth_mode
from workbench.errors import WorkbenchError
from workbench.identity import NotPermitted, Role

KEYCLOAK_SECRETS = """
[auth]
redirect_uri = "https://workbench.desk.example/oauth2callback"
cookie_secret = "a-long-random-string"
client_id = "workbench"
client_secret = "from-keycloak"
server_metadata_url = "https://sso.desk.example/realms/newsroom/.well-known/openid-configuration"
"""

# The claims of a Keycloak identity token with the realm-roles mapper added to it.
KEYCLOAK_CLAIMS = {
    "sub": "5b0a9c1e-0000-4000-8000-000000000001",
    "preferred_username": "Amina",
    "email": "amina@desk.example",
    "realm_access": {"roles": ["offline_access", "workbench-reviewer", "workbench-translator"]},
    "groups": ["/workbench/manager"],
}
KEYCLOAK = OidcSettings(roles_claim="realm_access.roles", role_prefix="workbench-")


def test_the_documented_keycloak_section_passes_the_check():
    check_auth_secrets(tomllib.loads(KEYCLOAK_SECRETS)["auth"], OidcSettings())


@pytest.mark.parametrize(
    ("remove", "message"),
    [
        ("cookie_secret", r"lacks \[auth\] cookie_secret"),
        ("server_metadata_url", r"lacks \[auth\] server_metadata_url"),
    ],
)
def test_a_missing_setting_is_named(remove, message):
    auth = tomllib.loads(KEYCLOAK_SECRETS)["auth"]
    del auth[remove]
    with pytest.raises(WorkbenchError, match=message):
        check_auth_secrets(auth, OidcSettings())


def test_no_auth_section_points_to_the_docs():
    with pytest.raises(WorkbenchError, match=r"needs an \[auth\] section.*docs/team\.md"):
        check_auth_secrets(None, OidcSettings())


def test_a_redirect_uri_must_be_the_oauth2callback_path():
    auth = tomllib.loads(KEYCLOAK_SECRETS)["auth"]
    auth["redirect_uri"] = "https://workbench.desk.example/"
    with pytest.raises(WorkbenchError, match="must end with /oauth2callback"):
        check_auth_secrets(auth, OidcSettings())


def test_a_named_provider_is_read_from_its_own_section():
    auth = tomllib.loads(KEYCLOAK_SECRETS)["auth"]
    provider = {key: auth.pop(key) for key in ("client_id", "client_secret", "server_metadata_url")}
    auth["keycloak"] = provider
    check_auth_secrets(auth, OidcSettings(provider="keycloak"))
    with pytest.raises(WorkbenchError, match=r"\[auth.okta\], which secrets.toml lacks"):
        check_auth_secrets(auth, OidcSettings(provider="okta"))


def test_roles_come_from_a_nested_claim_with_a_prefix():
    assert roles_from_claims(KEYCLOAK_CLAIMS, KEYCLOAK) == {Role.REVIEWER, Role.TRANSLATOR}


def test_roles_can_come_from_group_paths():
    settings = OidcSettings(roles_claim="groups", role_prefix="workbench/")
    assert roles_from_claims(KEYCLOAK_CLAIMS, settings) == {Role.MANAGER}


def test_a_space_separated_string_claim_is_read_too():
    claims = {"roles": "translator Reviewer unrelated"}
    assert roles_from_claims(claims, OidcSettings()) == {Role.TRANSLATOR, Role.REVIEWER}


def test_a_missing_claim_grants_no_role():
    assert roles_from_claims({"sub": "x"}, KEYCLOAK) == frozenset()


def test_the_actor_is_named_by_the_username_claim_in_lower_case():
    actor = actor_from_claims(KEYCLOAK_CLAIMS, KEYCLOAK)
    assert (actor.name, actor.roles) == ("amina", {Role.REVIEWER, Role.TRANSLATOR})


def test_without_a_username_claim_the_email_names_the_actor():
    claims = {k: v for k, v in KEYCLOAK_CLAIMS.items() if k != "preferred_username"}
    assert actor_from_claims(claims, KEYCLOAK).name == "amina@desk.example"


def test_a_signed_in_person_without_a_workbench_role_is_refused():
    with pytest.raises(NotPermitted, match="holds no workbench role"):
        actor_from_claims({"preferred_username": "guest", "realm_access": {"roles": []}}, KEYCLOAK)


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("WORKBENCH_OIDC_ROLES_CLAIM", "resource_access.workbench.roles")
    monkeypatch.setenv("WORKBENCH_OIDC_ROLE_PREFIX", "wb-")
    settings = OidcSettings.from_environment()
    assert (settings.roles_claim, settings.role_prefix) == (
        "resource_access.workbench.roles",
        "wb-",
    )


@pytest.mark.parametrize(
    ("value", "mode"),
    [("", AuthMode.NONE), ("password", AuthMode.PASSWORD), ("OIDC", AuthMode.OIDC)],
)
def test_the_sign_in_mode_is_one_setting(monkeypatch, value, mode):
    monkeypatch.setenv("WORKBENCH_AUTH", value)
    assert auth_mode() == mode


def test_an_unknown_sign_in_mode_is_refused(monkeypatch):
    monkeypatch.setenv("WORKBENCH_AUTH", "ldap")
    with pytest.raises(WorkbenchError, match="not a sign-in mode"):
        auth_mode()
