"""Officials fixtures live in tests/conftest.py; ROSTER stays importable from here."""

from tests.conftest import ROSTER  # noqa: F401
