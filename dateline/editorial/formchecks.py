"""What the editorial desk checks when a release is saved, submitted or published.

NewsReleasePageForm.clean() calls check(); each area adds its errors to the form (blocking)
or its warnings to form.desk_warnings (shown, not blocking).
"""

from importlib import import_module
from importlib.util import find_spec

_AREAS = ("dateline.editorial.embargo", "dateline.editorial.checks")


def check(form) -> None:
    if not hasattr(form, "desk_warnings"):
        form.desk_warnings = []
    for name in _AREAS:
        if find_spec(name) is not None:
            import_module(name).validate_form(form)
