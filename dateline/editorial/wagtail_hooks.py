"""Wagtail loads this module; each part of the desk registers its own hooks."""

from importlib import import_module
from importlib.util import find_spec

for _name in ("security_hooks", "desk_hooks", "corrections_hooks"):
    if find_spec(f"dateline.editorial.{_name}") is not None:
        import_module(f"dateline.editorial.{_name}")
