"""The sign-in gate every page and download goes through in team mode (`WORKBENCH_AUTH`).

`app.py` calls `require_identity()` before navigation, so no page runs (and no download
button or upload exists) until someone has signed in. Single-user mode has no gate but
refuses to serve a desk that was started on a network address without sign-in.

Password mode keeps the session's token in a cookie (`workbench_session`, SameSite=Strict,
set by a script because Streamlit has no cookie-setting API) so a reload or a new tab stays
signed in; the server holds only the token's digest and checks it on every run, so a
signed-out or expired session's cookie opens nothing. OIDC mode leaves the protocol and its
cookie to Streamlit's `st.login` and reads roles from the identity token's claims.
"""

from __future__ import annotations

import ipaddress
import json

import streamlit as st

from workbench.auth.oidc import OidcSettings, actor_from_claims, check_auth_secrets
from workbench.auth.sessions import SignInRefused, SignInThrottled
from workbench.auth.settings import AuthMode, auth_mode
from workbench.errors import WorkbenchError
from workbench.identity import Actor
from workbench.ui import resources, state
from workbench.ui.rendering import markdown_text

COOKIE = "workbench_session"
COOKIE_MAX_AGE_S = 12 * 3600  # the server's idle expiry ends sessions long before this


def require_identity() -> Actor | None:
    """The signed-in person (team mode) or None (single-user mode); stops the script run
    with the sign-in form until there is one."""
    try:
        mode = auth_mode()
    except WorkbenchError as exc:
        st.error(str(exc))
        st.stop()
    if mode == AuthMode.NONE:
        _refuse_network_without_sign_in()
        return None
    if mode == AuthMode.OIDC:
        actor = _oidc_identity()
        if _sidebar(actor):
            st.logout()
        return actor
    actor = _password_identity()
    if _sidebar(actor):
        _sign_out()
        _show_password_form_and_stop()
    # Every run, not only the sign-in run: a quick rerun could replace that run's script
    # before the browser ran it, and a reload would then ask for the password again.
    with st.sidebar:
        _set_cookie(st.session_state[state.SESSION_TOKEN], COOKIE_MAX_AGE_S)
    return actor


def _refuse_network_without_sign_in() -> None:
    address = st.get_option("server.address")
    if not address or _is_loopback(address):
        return
    st.error(
        f"This workbench is served on {address} without sign-in. Serve it on 127.0.0.1 "
        "(the default, `make run`) or set WORKBENCH_AUTH=password or oidc (docs/team.md)."
    )
    st.stop()


def _is_loopback(address: str) -> bool:
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


# ---- password mode -----------------------------------------------------------------------


def _password_identity() -> Actor:
    auth = resources.authenticator()
    # An empty token in the session means "signed out here": the browser's cookie, read
    # when the session started, is not to be trusted again.
    token = st.session_state.get(state.SESSION_TOKEN)
    if token is None:
        token = _request_value(st.context.cookies.get(COOKIE))
    user = auth.resume(token) if token else None
    if user is not None:
        st.session_state[state.SESSION_TOKEN] = token
        actor = user.actor()
        st.session_state[state.SIGNED_IN] = actor
        return actor
    if token:  # ended: signed out elsewhere, expired, or the user was disabled
        _forget_session(notice="Your session has ended. Please sign in again.")
    return _show_password_form_and_stop()


def _show_password_form_and_stop() -> Actor:
    """The sign-in form; returns only once the person has signed in (in this run)."""
    auth = resources.authenticator()
    area = st.empty()
    with area.container():
        st.title("Translation workbench")
        notice = st.session_state.pop(state.SIGNIN_NOTICE, None)
        if notice:
            st.info(notice)
        with st.form(state.SIGNIN_FORM):
            username = st.text_input("Username", autocomplete="username")
            password = st.text_input("Password", type="password", autocomplete="current-password")
            submitted = st.form_submit_button("Sign in", type="primary")
        if not submitted:
            st.stop()
        try:
            signed_in = auth.sign_in(username, password, client=_client())
        except (SignInRefused, SignInThrottled) as exc:
            st.error(str(exc))
            st.stop()
    area.empty()
    st.session_state[state.SESSION_TOKEN] = signed_in.token
    actor = signed_in.user.actor()
    st.session_state[state.SIGNED_IN] = actor
    return actor


def _client() -> str:
    """Who is trying (for throttling): the connection's address, or a proxy's header."""
    forwarded = _request_value(st.context.headers.get("X-Forwarded-For"))
    address = forwarded.split(",")[0].strip() or _request_value(st.context.ip_address)
    return (address or "unknown")[:64]


def _request_value(value: object) -> str:
    """A cookie, header or address of the browser's request; "" when there is none (also
    when the script runs without a browser, as under AppTest)."""
    return value if isinstance(value, str) else ""


def _set_cookie(token: str, max_age_s: int) -> None:
    value = json.dumps(token)
    st.html(
        "<script>document.cookie = "
        f"'{COOKIE}=' + {value} + '; Path=/; Max-Age={max_age_s}; SameSite=Strict'"
        " + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
    )


def _forget_session(notice: str) -> None:
    st.session_state[state.SESSION_TOKEN] = ""
    st.session_state.pop(state.SIGNED_IN, None)
    st.session_state[state.SIGNIN_NOTICE] = notice
    _set_cookie("", 0)


def _sign_out() -> None:
    resources.authenticator().sign_out(st.session_state.get(state.SESSION_TOKEN) or "")
    _forget_session(notice="You have signed out.")


# ---- OIDC mode ---------------------------------------------------------------------------


def _oidc_identity() -> Actor:
    settings = OidcSettings.from_environment()
    try:
        check_auth_secrets(_auth_secrets(), settings)
    except WorkbenchError as exc:
        st.error(str(exc))
        st.stop()
    if not st.user.get("is_logged_in", False):
        st.title("Translation workbench")
        if st.button("Sign in", type="primary"):
            st.login(settings.provider)
        st.stop()
    try:
        actor = actor_from_claims(st.user.to_dict(), settings)
    except WorkbenchError as exc:
        st.error(str(exc))
        if st.button("Sign out"):
            st.logout()
        st.stop()
    st.session_state[state.SIGNED_IN] = actor
    return actor


def _auth_secrets():
    try:
        return st.secrets.get("auth")
    except FileNotFoundError:
        return None


# ---- shared --------------------------------------------------------------------------------


def _sidebar(actor: Actor) -> bool:
    """Who is signed in, and a sign-out button; True when it was pressed (the sidebar is
    cleared then)."""
    area = st.sidebar.empty()
    with area.container():
        roles = ", ".join(sorted(actor.roles))
        st.caption(f"Signed in as **{markdown_text(actor.name)}** ({markdown_text(roles)})")
        pressed = st.button("Sign out", key=state.SIGN_OUT)
    if pressed:
        area.empty()
    return pressed


def signed_in_actor() -> Actor | None:
    """The signed-in person of this browser session (None in single-user mode)."""
    return st.session_state.get(state.SIGNED_IN)
