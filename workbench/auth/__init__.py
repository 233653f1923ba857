"""Who may use the workbench: sign-in modes, passwords, sessions, throttling, roles.

Above the store (accounts live in `workbench.store.accounts`), below the UI and CLI. The mode
is one setting, `WORKBENCH_AUTH`:

- unset or `none`: a single-user desk on 127.0.0.1; the local person holds every role.
- `password`: accounts in the store, argon2id password hashes, server-side sessions that
  expire after an idle time, throttling after repeated failures (`workbench.auth.signin`).
- `oidc`: Streamlit's `st.login` against an OpenID Connect provider; roles from a
  configurable claim (`workbench.auth.oidc`).
"""

from workbench.auth.settings import AuthMode, auth_mode

__all__ = ["AuthMode", "auth_mode"]
