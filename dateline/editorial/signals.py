"""Every signal receiver of the editorial desk, connected once from EditorialConfig.ready().

Connecting them here rather than where each receiver is written means they are connected in
every process that loads Django (web, worker, commands), whatever it happens to import.
"""

from django.db.models.signals import post_migrate, post_save, pre_delete
from wagtail.models import Revision

from dateline.officials.models import LetterIndexPage
from dateline.releases.models import NewsIndexPage

from . import roles
from .corrections.history import refuse_revision_deletion
from .embargo.notices import revision_saved
from .schedule.publishing import queue_on_time


def connect() -> None:
    # Newsrooms and letters pages open to their roles as soon as they exist.
    post_save.connect(
        roles.newsroom_created, sender=NewsIndexPage, dispatch_uid="dateline_roles_news"
    )
    post_save.connect(
        roles.letters_created, sender=LetterIndexPage, dispatch_uid="dateline_roles_letters"
    )
    post_migrate.connect(roles.after_migrate, dispatch_uid="dateline_roles_migrate")
    # The revisions of published releases are the record of what the public was shown.
    pre_delete.connect(
        refuse_revision_deletion, sender=Revision, dispatch_uid="dateline_keep_release_revisions"
    )
    # A revision scheduled to go live: publish it on its second, and send the press list
    # its embargoed copies (or withdraw them when the schedule is cancelled).
    post_save.connect(queue_on_time, sender=Revision, dispatch_uid="dateline.editorial.schedule")
    post_save.connect(revision_saved, sender=Revision, dispatch_uid="dateline.editorial.embargo")
