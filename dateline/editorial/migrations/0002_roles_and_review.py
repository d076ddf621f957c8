"""The newsroom's roles (Writer, Editor, Officials manager, Site admin) and "Release review".

dateline/editorial/roles.py describes each role. Safe to run on a database that already has
some of them: everything is looked up before it is created.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from dateline.editorial import roles


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations have run; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles.ensure_roles(apps)
    roles.ensure_release_review(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("officials", "0003_official_slug_optional"),
        ("releases", "0007_newsreleasepage_embargo_until"),
        ("alerts", "0001_initial"),
        ("topics", "0001_initial"),
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
