from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Staff sign-in: the authenticator-app code, password rules, limited password resets."""

    name = "dateline.security"
    label = "security"
    verbose_name = "staff security"
