"""The store tests' `db_url` (SQLite and a throwaway PostgreSQL) and `store` for job tests
that must hold on both backends (a module may still define its own `store`)."""

from tests.store.conftest import db_url, store  # noqa: F401  (fixtures, registered by import)
