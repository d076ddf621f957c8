"""Publish checks: what the desk checks in a release before it goes out (not Django's system
checks, which this package has nothing to do with).

publishing.py     the blocking problems and the warnings, read from the release form
ap_style.py       AP style rules applied to a release's parts (pure, no Django)
readability.py    Flesch–Kincaid grade level (pure, no Django)
wagtail_hooks.py  the form check's registration, and showing its warnings after a save
"""
