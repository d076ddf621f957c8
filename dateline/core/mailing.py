"""What every mail Dateline sends needs to know about the site: which site speaks, the domain
its Message-IDs carry, and the address service mail comes from.

The address is the alerts app's setting (AlertSettings.transactional_from_email) when it is
installed; a lower app such as editorial asks through the Wagtail hook TRANSACTIONAL_FROM_HOOK
rather than importing alerts.
"""

from __future__ import annotations

from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from wagtail import hooks
from wagtail.models import Site

# Functions registered under this name: fn(site or None) -> an email address, or "" for none.
TRANSACTIONAL_FROM_HOOK = "transactional_from_address"


def default_site() -> Site | None:
    return Site.objects.filter(is_default_site=True).first() or Site.objects.first()


def mail_domain(site: Site | None = None) -> str:
    """The domain in Message-IDs and List-Ids: the public site's host name."""
    site = site or default_site()
    if site is not None:
        host = urlsplit(site.root_url).hostname or site.hostname
        if host:
            return host
    return "localhost"


def transactional_from_email(site: Site | None = None) -> str:
    """The address of one-to-one service mail: the first hook's answer, else DEFAULT_FROM_EMAIL."""
    site = site or default_site()
    for address_for in hooks.get_hooks(TRANSACTIONAL_FROM_HOOK):
        address = address_for(site)
        if address:
            return address
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
