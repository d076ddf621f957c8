"""The editorial calendar: what goes live, lifts an embargo or comes down, day by day.

items.py  what is scheduled when (the rules; module docstring)
views.py  the Calendar page in the admin
admin_urls.py, wagtail_hooks.py  its URL (desk namespace) and its menu item
"""
