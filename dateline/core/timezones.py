"""Time zones a US city may run in, labelled the way residents name them, and the one rule
for turning a city's chosen zone into a zone to compute with."""

import zoneinfo

from django.conf import settings

US_TIME_ZONES = [
    ("America/New_York", "Eastern Time (New York)"),
    ("America/Detroit", "Eastern Time (Detroit)"),
    ("America/Indiana/Indianapolis", "Eastern Time (Indianapolis)"),
    ("America/Chicago", "Central Time (Chicago)"),
    ("America/Denver", "Mountain Time (Denver)"),
    ("America/Boise", "Mountain Time (Boise)"),
    ("America/Phoenix", "Mountain Time, no daylight saving (Phoenix)"),
    ("America/Los_Angeles", "Pacific Time (Los Angeles)"),
    ("America/Anchorage", "Alaska Time (Anchorage)"),
    ("Pacific/Honolulu", "Hawaii Time (Honolulu)"),
    ("America/Puerto_Rico", "Atlantic Time (San Juan)"),
    ("Pacific/Guam", "Chamorro Time (Guam)"),
    ("UTC", "Coordinated Universal Time (UTC)"),
]


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The zone a city setting names; the server's TIME_ZONE when it names none (or one this
    machine's zone database lacks), and UTC as the last resort."""
    for candidate in (name, settings.TIME_ZONE):
        if not candidate:
            continue
        try:
            return zoneinfo.ZoneInfo(candidate)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
    return zoneinfo.ZoneInfo("UTC")
