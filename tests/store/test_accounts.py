"""Team-mode accounts and password sign-in, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from workbench.auth.passwords import hash_password
from workbench.auth.sessions import Authenticator, SignInRefused, SignInThrottled, token_digest
from workbench.auth.settings import SignInPolicy
from workbench.errors import WorkbenchError
from workbench.identity import Role
from workbench.store.accounts import (
    Accounts,
    AuthSessionRecord,
    DuplicateUserError,
    UnknownUserError,
    UserRecord,
)
from workbench.timeutil import utcnow

PASSWORD = "correct horse battery"
POLICY = SignInPolicy(
    idle_timeout=timedelta(minutes=30),
    failure_window=timedelta(minutes=15),
    max_failures_per_user=3,
    max_failures_per_client=5,
)


@pytest.fixture(scope="module")
def password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def accounts(store, password_hash) -> Accounts:
    accounts = Accounts(store)
    accounts.add_user("amina", {Role.TRANSLATOR}, password_hash, "Amina Khan")
    accounts.add_user("omar", {Role.REVIEWER, Role.MANAGER}, password_hash)
    return accounts


@pytest.fixture
def auth(accounts) -> Authenticator:
    return Authenticator(accounts, POLICY)


def test_a_person_can_hold_several_roles(accounts):
    assert accounts.user("omar").roles == {Role.REVIEWER, Role.MANAGER}
    assert accounts.user("OMAR").actor().has(Role.MANAGER)


def test_usernames_are_unique_whatever_their_case(accounts):
    with pytest.raises(DuplicateUserError, match="exists already"):
        accounts.add_user("Amina", {Role.REVIEWER})


def test_an_unusable_username_is_refused(accounts):
    with pytest.raises(WorkbenchError, match="not a usable username"):
        accounts.add_user("amina khan", {Role.TRANSLATOR})


def test_the_store_holds_an_argon2id_hash_never_the_password(store, accounts):
    with store.reading() as session:
        stored = session.scalar(
            select(UserRecord.password_hash).where(UserRecord.username == "amina")
        )
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_the_right_password_opens_a_session_that_resumes_from_its_token(auth):
    signed_in = auth.sign_in("Amina", PASSWORD, client="10.0.0.5")
    assert signed_in.user.username == "amina"
    assert auth.resume(signed_in.token).username == "amina"


def test_the_store_keeps_only_the_digest_of_a_session_token(store, auth):
    signed_in = auth.sign_in("amina", PASSWORD, client="10.0.0.5")
    with store.reading() as session:
        stored = list(session.scalars(select(AuthSessionRecord.token_hash)))
    assert stored == [token_digest(signed_in.token)]
    assert signed_in.token not in stored


@pytest.mark.parametrize("username", ["amina", "nobody"])
def test_a_wrong_password_or_unknown_user_is_refused_alike(auth, username):
    with pytest.raises(SignInRefused, match=r"^wrong username or password$"):
        auth.sign_in(username, "not the password", client="10.0.0.5")


def test_a_signed_out_token_no_longer_works(auth):
    signed_in = auth.sign_in("amina", PASSWORD, client="10.0.0.5")
    assert auth.sign_out(signed_in.token)
    assert auth.resume(signed_in.token) is None


def test_a_session_idle_longer_than_the_policy_ends(store, auth):
    signed_in = auth.sign_in("amina", PASSWORD, client="10.0.0.5")
    auth.accounts.touch_session(token_digest(signed_in.token), utcnow() - timedelta(minutes=31))
    assert auth.resume(signed_in.token) is None
    auth.accounts.touch_session(token_digest(signed_in.token), utcnow())  # ended, not revived
    assert auth.resume(signed_in.token) is None


def test_a_session_used_within_the_idle_time_lives_on(auth):
    signed_in = auth.sign_in("amina", PASSWORD, client="10.0.0.5")
    auth.accounts.touch_session(token_digest(signed_in.token), utcnow() - timedelta(minutes=29))
    assert auth.resume(signed_in.token).username == "amina"


def test_disabling_a_user_ends_their_sessions_and_sign_ins(auth):
    signed_in = auth.sign_in("amina", PASSWORD, client="10.0.0.5")
    auth.accounts.set_disabled("amina", True)
    assert auth.resume(signed_in.token) is None
    with pytest.raises(SignInRefused):
        auth.sign_in("amina", PASSWORD, client="10.0.0.5")


def test_a_new_password_ends_the_sessions_opened_with_the_old_one(auth):
    signed_in = auth.sign_in("amina", PASSWORD, client="10.0.0.5")
    auth.accounts.set_password_hash("amina", hash_password("a different passphrase"))
    assert auth.resume(signed_in.token) is None
    assert auth.sign_in("amina", "a different passphrase", client="10.0.0.5")


def test_repeated_failures_for_a_user_throttle_even_the_right_password(auth):
    for _ in range(POLICY.max_failures_per_user):
        with pytest.raises(SignInRefused):
            auth.sign_in("amina", "guess", client="10.0.0.5")
    with pytest.raises(SignInThrottled, match="too many failed sign-ins for amina"):
        auth.sign_in("amina", PASSWORD, client="10.0.0.9")
    assert auth.sign_in("omar", PASSWORD, client="10.0.0.9")  # others are not locked out


def test_repeated_failures_from_one_client_throttle_that_client(auth):
    for name in ("a1", "a2", "a3", "a4", "a5"):
        with pytest.raises(SignInRefused):
            auth.sign_in(name, "guess", client="10.0.0.66")
    with pytest.raises(SignInThrottled, match="from this computer"):
        auth.sign_in("omar", PASSWORD, client="10.0.0.66")
    assert auth.sign_in("omar", PASSWORD, client="10.0.0.5")


def test_failures_older_than_the_window_no_longer_count(auth):
    for _ in range(POLICY.max_failures_per_user):
        with pytest.raises(SignInRefused):
            auth.sign_in("amina", "guess", client="10.0.0.5")
    later = Authenticator(auth.accounts, SignInPolicy(failure_window=timedelta(microseconds=1)))
    assert later.sign_in("amina", PASSWORD, client="10.0.0.5")


def test_a_successful_sign_in_forgets_earlier_failures(auth):
    for _ in range(POLICY.max_failures_per_user - 1):
        with pytest.raises(SignInRefused):
            auth.sign_in("amina", "guess", client="10.0.0.5")
    auth.sign_in("amina", PASSWORD, client="10.0.0.5")
    with pytest.raises(SignInRefused):
        auth.sign_in("amina", "guess", client="10.0.0.5")
    assert auth.sign_in("amina", PASSWORD, client="10.0.0.5")


def test_roles_can_be_replaced(accounts):
    assert accounts.set_roles("amina", {Role.REVIEWER}).roles == {Role.REVIEWER}


def test_changing_an_unknown_user_says_so(accounts):
    with pytest.raises(UnknownUserError, match="no user 'zoe'"):
        accounts.set_disabled("zoe", True)
