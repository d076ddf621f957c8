"""Time zones a US city may run in, labelled the way residents name them."""

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
