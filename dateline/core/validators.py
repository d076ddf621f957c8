"""Field validators that turn AP rules into messages an editor can act on."""

import re

from django.core.exceptions import ValidationError

from . import apstyle, textrules

_FILE_NAME = re.compile(
    r"^\S+\.(jpe?g|png|gif|webp|avif|tiff?|heic)$|^(img|dsc|dscn|pxl)[_-]?\d+", re.I
)


def state_name(value: str) -> str:
    """The full state name for any accepted form ("CA", "Calif.", "california")."""
    try:
        return apstyle.full_state_name(value)
    except apstyle.UnknownStateError as error:
        raise ValidationError(str(error), code="unknown_state") from error


def validate_state(value: str) -> None:
    if value:
        state_name(value)


def alt_text_problem(alt: str) -> str | None:
    """Why this alt text would fail a screen-reader user, or None when it is usable."""
    alt = (alt or "").strip()
    if not alt:
        return (
            "Describe the picture for people who cannot see it (for example "
            '"Mayor Ruiz cuts the ribbon at Alder Park"), or tick "Decorative" if it adds '
            "nothing to the story."
        )
    if _FILE_NAME.search(alt):
        return (
            f'"{alt}" looks like a file name. Describe what the picture shows instead, '
            'for example "Crews repave Ferry Street at dawn".'
        )
    return None


def validate_plain_text(value: str) -> None:
    """No control characters (dateline/core/textrules.py)."""
    problem = textrules.control_problem(value) if isinstance(value, str) else None
    if problem:
        raise ValidationError(problem, code="control_character")


def validate_link(value: str) -> None:
    """A link a reader may follow: http, https, mailto, tel or a path on this site."""
    if value:
        problem = textrules.url_problem(value)
        if problem:
            raise ValidationError(problem, code="unsafe_link")


def validate_release_date(value) -> None:
    from django.utils import timezone

    problem = textrules.release_date_problem(value, timezone.localdate())
    if problem:
        raise ValidationError(problem, code="release_date_range")
