"""The reader's rule in templates: `{% if page|readable %}` for a page chosen by an editor."""

from django import template

from dateline.core.restrictions import is_readable

register = template.Library()


@register.filter
def readable(page) -> bool:
    """True when any reader may open this page (dateline/core/restrictions.py)."""
    return is_readable(getattr(page, "specific", page))
