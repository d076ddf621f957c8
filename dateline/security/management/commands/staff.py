"""`dateline staff reset-2fa USERNAME | status`: staff sign-in from the shell.

reset-2fa is the way back in for someone who lost the phone with their authenticator app:
it removes the app from their account and ends their sessions, and at their next sign-in
(with their password) they set up a new one. Check who is asking before running it.
"""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dateline.security import two_factor


class Command(BaseCommand):
    help = "Reset a staff member's two-factor authentication, or list who has it set up."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reset = sub.add_parser(
            "reset-2fa",
            help="Remove a person's authenticator app; they set up a new one at next sign-in.",
        )
        reset.add_argument("username")
        sub.add_parser("status", help="List staff accounts and whether they use two-factor.")

    def handle(self, *args, **options):
        if options["action"] == "reset-2fa":
            self._reset(options["username"])
        else:
            self._status()

    def _reset(self, username):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No account is called {username!r}.") from None
        removed = two_factor.reset_devices(user)
        ended = _end_sessions(user)
        self.stdout.write(
            f"{username}: removed {removed} two-factor device(s) and ended {ended} session(s). "
            "They will set up their authenticator app again at their next sign-in."
        )

    def _status(self):
        User = get_user_model()
        for user in User.objects.filter(is_active=True).order_by(User.USERNAME_FIELD):
            if not (user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
                continue
            state = "set up" if two_factor.has_device(user) else "not set up yet"
            self.stdout.write(f"{user.get_username()}: two-factor {state}")


def _end_sessions(user) -> int:
    """Sign the person out everywhere: a session verified with the lost phone stays valid."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended
