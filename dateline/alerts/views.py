"""The public subscription pages: subscribe, confirm, manage, unsubscribe.

The links mailed to subscribers carry signed tokens in their path, so these pages never log
a path, send no Referer (Referrer-Policy: no-referrer), are never cached, and are not
indexed. Django logs every 4xx answer with its path; token pages mark theirs as logged
already so that a bad or expired link does not put its token in the server log either.
"""

import logging
from functools import wraps

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from . import ratelimit, subscriptions
from .delivery import kick
from .forms import ManageForm, Options, SubscribeForm, preselected
from .models import Subscriber, Suppression
from .tokens import (
    BadToken,
    manage_token,
    read_choice_token,
    read_confirmation_token,
    read_manage_token,
)

TEMPLATES = "alerts/public/"
logger = logging.getLogger(__name__)


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    # Keeps django.request from logging this answer's path, which holds the token.
    response._has_been_logged = True
    return response


def token_page(view):
    """A page reached from a link in an email: the token in its address is the credential.

    CSRF protection is off because there is no cookie for a forged request to ride on (the
    token authenticates, and whoever has it can post anyway), because mail providers post
    one-click unsubscribes without cookies, and because a CSRF failure is logged with the path.
    """

    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        return _private(view(request, token, *args, **kwargs))

    return csrf_exempt(never_cache(wrapper))


def _domain(request) -> str:
    site = Site.find_for_request(request)
    if site is not None and site.hostname:
        return site.hostname
    return request.get_host().rsplit(":", 1)[0] or "localhost"


def _bad_link(request, error: BadToken, what: str) -> HttpResponse:
    return render(
        request,
        TEMPLATES + "bad_link.html",
        {"reason": error.reason, "what": what},
        status=400,
    )


def _follows(subscriber: Subscriber) -> subscriptions.Choice:
    return subscriptions.Choice(
        frequency=subscriber.frequency,
        newsrooms=list(subscriber.newsrooms.order_by("path")),
        topics=list(subscriber.topics.order_by("name")),
        officials=list(subscriber.officials.order_by("name")),
    )


def _frequency_label(value: str) -> str:
    return Subscriber.Frequency(value).label if value in Subscriber.Frequency.values else ""


@never_cache
def subscribe(request):
    options = Options.for_request(request)
    if request.method == "POST":
        if not ratelimit.ip_allows(ratelimit.client_ip(request)):
            _, window = ratelimit.ip_limit()
            response = render(request, TEMPLATES + "too_many.html", status=429)
            response["Retry-After"] = str(int(window.total_seconds()))
            return response
        form = SubscribeForm(request.POST, options=options)
        if form.is_valid():
            email = form.cleaned_data["email"]
            subscriptions.request_subscription(email, form.chosen(), domain=_domain(request))
            # Saved and queued already: kick() only makes it go now, and never fails the page.
            kick()
            # The same page whatever the address's story, so it reveals nobody's subscription.
            return render(request, TEMPLATES + "check_inbox.html", {"email": email})
        notices = []
    else:
        initial, notices = preselected(request.GET, options)
        form = SubscribeForm(initial=initial, options=options)
    return render(
        request,
        TEMPLATES + "subscribe.html",
        {"form": form, "options": options, "notices": notices},
    )


@token_page
def confirm(request, token):
    try:
        subscriber = read_confirmation_token(token)
    except BadToken as error:
        return _bad_link(request, error, "confirm")
    if subscriber.status != Subscriber.Status.PENDING:
        return _bad_link(request, BadToken("used"), "confirm")
    if request.method == "POST":
        try:
            subscriber = subscriptions.confirm(subscriber, subscriber.confirmation_nonce)
        except subscriptions.NotConfirmable:
            return _bad_link(request, BadToken("used"), "confirm")
        return _confirmed(request, subscriber, change=False)
    # Mail scanners open links to check them, so looking at this page changes nothing.
    return render(
        request,
        TEMPLATES + "confirm.html",
        {
            "subscriber": subscriber,
            "follows": _follows(subscriber),
            "frequency": subscriber.get_frequency_display(),
            "change": False,
        },
    )


def _confirmed(request, subscriber, *, change: bool):
    """“You're subscribed” (or “Your choices are saved”), with the link to manage them."""
    return render(
        request,
        TEMPLATES + "confirmed.html",
        {
            "subscriber": subscriber,
            "follows": _follows(subscriber),
            "frequency": subscriber.get_frequency_display(),
            "manage_url": reverse("alerts:manage", args=[manage_token(subscriber)]),
            "change": change,
        },
    )


@token_page
def confirm_change(request, token):
    try:
        pending = read_choice_token(token)
    except BadToken as error:
        return _bad_link(request, error, "change")
    subscriber = pending.subscriber
    if subscriptions.is_stale(pending, subscriber):
        return render(request, TEMPLATES + "change_stale.html", status=400)
    follows = subscriptions.choice_rows(pending)
    if request.method == "POST":
        try:
            subscriber = subscriptions.apply_choice(pending)
        except subscriptions.NotConfirmable:
            return _bad_link(request, BadToken("used"), "change")
        return _confirmed(request, subscriber, change=True)
    return render(
        request,
        TEMPLATES + "confirm.html",
        {
            "subscriber": subscriber,
            "follows": follows,
            "frequency": _frequency_label(follows.frequency),
            "current": _follows(subscriber),
            "current_frequency": subscriber.get_frequency_display(),
            "change": True,
        },
    )


@token_page
def manage(request, token):
    try:
        subscriber = read_manage_token(token)
    except BadToken as error:
        return _bad_link(request, error, "manage")
    here = reverse("alerts:manage", args=[token])
    context = {
        "subscriber": subscriber,
        "unsubscribe_url": reverse("alerts:unsubscribe", args=[token]),
        "suppressed": Suppression.objects.filter(email__iexact=subscriber.email).exists(),
        "saved": request.GET.get("saved") == "1",
    }
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return render(request, TEMPLATES + "manage.html", context)
    options = Options.for_request(request)
    if request.method == "POST":
        form = ManageForm(request.POST, options=options)
        if form.is_valid():
            offered = subscriptions.Choice(
                frequency=subscriber.frequency,
                newsrooms=options.newsrooms,
                topics=options.topics,
                officials=options.official_list(),
            )
            subscriptions.update_preferences(subscriber, form.chosen(), offered)
            return redirect(here + "?saved=1")
        context["saved"] = False
    else:
        current = _follows(subscriber)
        form = ManageForm(
            initial={
                "newsrooms": [n.pk for n in current.newsrooms],
                "topics": [t.pk for t in current.topics],
                "officials": [o.pk for o in current.officials],
                "frequency": subscriber.frequency,
            },
            options=options,
        )
    context.update(
        {
            "form": form,
            "options": options,
            "follows_anything": subscriber.follows_anything,
            "action": here,
        }
    )
    return render(request, TEMPLATES + "manage.html", context)


@token_page
def unsubscribe(request, token):
    """RFC 8058 one-click unsubscribe: mail providers POST here without cookies.

    A POST unsubscribes at once and answers 200 (no redirect, which some providers do not
    follow); a GET only asks, because link checkers open every link in an email.
    """
    try:
        subscriber = read_manage_token(token)
    except BadToken as error:
        return _bad_link(request, error, "unsubscribe")
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber)
        return render(
            request,
            TEMPLATES + "unsubscribed.html",
            {"subscriber": subscriber, "manage_url": reverse("alerts:manage", args=[token])},
        )
    return render(
        request,
        TEMPLATES + "unsubscribe.html",
        {
            "subscriber": subscriber,
            "already": subscriber.status == Subscriber.Status.UNSUBSCRIBED,
            "manage_url": reverse("alerts:manage", args=[token]),
        },
    )
