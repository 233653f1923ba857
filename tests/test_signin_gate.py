"""The sign-in gate in the app script (AppTest): what runs before anyone has signed in."""

from __future__ import annotations

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from tests.fixtures.editor_grid import grid_data, save
from workbench import config
from workbench.auth.passwords import hash_password
from workbench.identity import Role
from workbench.store import open_store
from workbench.store.accounts import Accounts

APP = str(config.PROJECT_ROOT / "workbench" / "app.py")
PASSWORD = "correct horse battery"


@pytest.fixture
def served_on(monkeypatch):
    """Set the address the server would bind (restored afterwards)."""
    before = st_config.get_option("server.address")

    def serve(address: str | None) -> None:
        st_config.set_option("server.address", address)

    yield serve
    st_config.set_option("server.address", before)


@pytest.fixture
def team_store(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'team.db'}"
    store = open_store(url)
    Accounts(store).add_user("amina", {Role.TRANSLATOR}, hash_password(PASSWORD))
    store.close()
    monkeypatch.setenv("WORKBENCH_DB", url)
    monkeypatch.setenv("WORKBENCH_AUTH", "password")
    return url


def test_single_user_mode_on_a_network_address_shows_no_page(served_on, monkeypatch):
    monkeypatch.delenv("WORKBENCH_AUTH", raising=False)
    served_on("0.0.0.0")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert "served on 0.0.0.0 without sign-in" in at.error[0].value
    assert not at.text_input and not at.button and not at.text_area


def test_team_mode_shows_only_the_sign_in_form(team_store):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    assert not at.text_area and not at.selectbox


def test_a_wrong_password_is_refused_in_one_line(team_store):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input[0].input("amina")
    at.text_input[1].input("a wrong guess")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["wrong username or password"]
    assert not at.text_area


def test_signing_in_opens_the_editor_under_the_signed_in_name(team_store):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input[0].input("Amina")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert at.session_state["author"] == "amina"
    assert "Signed in as **amina** (translator)" in [c.value for c in at.sidebar.caption]


def signed_in(name: str = "amina") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input[0].input(name)
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception and not at.error
    return at


def test_in_team_mode_the_grid_saves_under_the_signed_in_name(team_store):
    at = signed_in()
    data = grid_data(at)
    assert (data["author"], data["remember"]) == ("amina", False)  # the browser keeps none
    answer = save(at, 1, "سرخی")
    assert answer["outcome"] == "saved" and answer["row"]["by"] == "amina"
    first = open_store(team_store).segments(data["doc"]["id"])[0]
    assert open_store(team_store).current_revision(first.id, "ur").author == "amina"


def test_in_team_mode_the_grid_cannot_save_under_another_name(team_store):
    at = signed_in()
    at.session_state["author"] = "bilal"  # whatever the session holds, the store acts as amina
    answer = save(at, 1, "سرخی")
    assert answer["outcome"] == "refused" and answer["message"].startswith("Not saved")
    assert "\n" not in answer["message"]
    document_id = grid_data(at)["doc"]["id"]
    first = open_store(team_store).segments(document_id)[0]
    assert open_store(team_store).current_revision(first.id, "ur") is None


def test_in_team_mode_the_editors_exports_offer_approved_segments_only(team_store):
    at = signed_in()
    assert at.radio(key="tmx_scope").options == [
        "approved segments",
        "confirmed segments",
        "every segment with a target",
    ]


def test_an_unknown_sign_in_mode_is_one_line(monkeypatch):
    monkeypatch.setenv("WORKBENCH_AUTH", "ldap")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert "not a sign-in mode" in at.error[0].value
    assert not at.text_input


KEYCLOAK_AUTH = {
    "redirect_uri": "https://workbench.desk.example/oauth2callback",
    "cookie_secret": "a-long-random-string",
    "client_id": "workbench",
    "client_secret": "from-keycloak",
    "server_metadata_url": "https://sso.desk.example/realms/newsroom/.well-known/openid-configuration",
}


@pytest.fixture
def oidc_app(monkeypatch, tmp_path) -> AppTest:
    monkeypatch.setenv("WORKBENCH_DB", f"sqlite:///{tmp_path / 'oidc.db'}")
    monkeypatch.setenv("WORKBENCH_AUTH", "oidc")
    monkeypatch.setenv("WORKBENCH_OIDC_ROLES_CLAIM", "realm_access.roles")
    monkeypatch.setenv("WORKBENCH_OIDC_ROLE_PREFIX", "workbench-")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = {"auth": dict(KEYCLOAK_AUTH)}
    return at


def test_oidc_before_sign_in_offers_only_the_providers_sign_in(oidc_app):
    oidc_app.user = {"is_logged_in": False}
    oidc_app.run()
    assert [b.label for b in oidc_app.button] == ["Sign in"]
    assert not oidc_app.text_area and not oidc_app.selectbox


def test_oidc_signs_in_with_the_roles_of_the_configured_claim(oidc_app):
    oidc_app.user = {
        "is_logged_in": True,
        "preferred_username": "Omar",
        "realm_access": {"roles": ["offline_access", "workbench-reviewer"]},
    }
    oidc_app.run()
    assert not oidc_app.exception
    assert "Signed in as **omar** (reviewer)" in [c.value for c in oidc_app.sidebar.caption]
    assert oidc_app.session_state["author"] == "omar"


def test_oidc_without_a_workbench_role_shows_nothing(oidc_app):
    oidc_app.user = {"is_logged_in": True, "preferred_username": "guest"}
    oidc_app.run()
    assert "holds no workbench role" in oidc_app.error[0].value
    assert not oidc_app.text_area and not oidc_app.selectbox


def test_oidc_with_an_incomplete_auth_section_names_the_missing_key(oidc_app):
    del oidc_app.secrets["auth"]["client_secret"]
    oidc_app.user = {"is_logged_in": False}
    oidc_app.run()
    assert "lacks [auth] client_secret" in oidc_app.error[0].value
