"""The offices every city starts with; the Officials manager edits them in the admin."""

# title, plural, body, single seat, precedence (lower is more senior)
DEFAULT_OFFICES = [
    ("Mayor", "Mayors", "City Council", True, 10),
    ("Vice Mayor", "Vice Mayors", "City Council", True, 20),
    ("Councilmember", "Councilmembers", "City Council", False, 30),
    ("City Manager", "City Managers", "", True, 40),
]


def ensure_default_offices(office_model) -> None:
    """Create any missing default office; never changes one an editor has edited."""
    for title, plural, body, single_seat, precedence in DEFAULT_OFFICES:
        office_model.objects.get_or_create(
            title=title,
            defaults={
                "plural_title": plural,
                "body": body,
                "single_seat": single_seat,
                "precedence": precedence,
            },
        )
