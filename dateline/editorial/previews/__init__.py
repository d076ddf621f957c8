"""Private preview links: a page's draft for readers with no account (reviewers, the press).

links.py       making, reading, withdrawing links (the rules; module docstring has the design)
views.py       the page a link opens, and the admin page where editors share links
urls.py        /preview/<token>/ (dateline/urls.py)
admin_urls.py  the admin pages, in the desk's namespace (editorial/wagtail_hooks.py)
wagtail_hooks.py  "Share a preview link" in a page's header and listing menus
"""
