"""Embargoes: the press list gets a release now, the public at the embargo time.

How it works
    The editor sets "Embargoed until". When the form is saved, the release's publishing time
    (go_live_at) follows the embargo, so publishing — or a reviewer's approval — schedules
    it the Wagtail way (the revision's approved_go_live_at) and the worker publishes it at
    that minute. Until then it is not live, so it is on no public page, feed, sitemap,
    search result or API answer, and resident alerts go out when it goes live.

The press list
    When a revision of a release with a future embargo is approved to go live (the
    Revision row is saved with approved_go_live_at), one EmbargoNotice per active press
    contact is written, unique per (release, contact, embargo time), each with its own
    embargo-purpose preview link to the revision scheduled. A huey task mails them.

Withdrawing
    Cancelling the schedule, or scheduling a different time or revision, withdraws every
    copy of the release not for that very time and revision, sent or not: what is still
    waiting is not sent, and each reporter's link then says it is no longer valid instead of
    showing a draft the newsroom took back. A revision scheduled again, even for the same
    time, sends fresh copies. When the embargo lifts (or the release is published early) the
    links lead to the public page (previews/links.public_copy_url).

Delivery
    delivery.py (its docstring has how rows are claimed and sent).

form.py           the release form's embargo rules ("check_release_form" hook)
notices.py        writing and withdrawing the copies (a Revision post_save receiver)
delivery.py       sending them, and the worker's tasks
wagtail_hooks.py  the form check's registration and the press list in the admin
"""
