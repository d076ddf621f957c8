from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class EditorialConfig(AppConfig):
    name = "dateline.editorial"
    label = "editorial"
    verbose_name = "editorial desk"

    def ready(self):
        # Connects the refusal to delete published releases' revisions, for every caller.
        from dateline.officials.models import LetterIndexPage
        from dateline.releases.models import NewsIndexPage

        from . import corrections  # noqa: F401

        post_save.connect(
            _newsroom_created, sender=NewsIndexPage, dispatch_uid="dateline_roles_news"
        )
        post_save.connect(
            _letters_created, sender=LetterIndexPage, dispatch_uid="dateline_roles_letters"
        )
        post_migrate.connect(_after_migrate, dispatch_uid="dateline_roles_migrate")


def _newsroom_created(sender, instance, created, raw=False, **kwargs):
    # Fixtures being loaded (raw) bring their own permission rows.
    if created and not raw:
        from .roles import NEWSROOM_PAGE_PERMISSIONS, grant_section_permissions

        grant_section_permissions(instance, NEWSROOM_PAGE_PERMISSIONS)


def _letters_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .roles import LETTERS_PAGE_PERMISSIONS, grant_section_permissions

        grant_section_permissions(instance, LETTERS_PAGE_PERMISSIONS)


def _after_migrate(sender, **kwargs):
    from django.apps import apps

    from .roles import ensure_legal_review, sync_site_admins

    # Once, after the last app's permissions have been made, so site admins get them all.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if not with_models or sender is not with_models[-1]:
        return
    # This receiver may run before django.contrib.auth's for the same app; make them now.
    from django.contrib.auth.management import create_permissions

    create_permissions(sender, verbosity=0, using=kwargs.get("using", "default"))

    sync_site_admins()
    ensure_legal_review()
