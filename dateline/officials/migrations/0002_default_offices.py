from django.db import migrations

from dateline.officials.defaults import ensure_default_offices


def add_offices(apps, schema_editor):
    ensure_default_offices(apps.get_model("officials", "Office"))


class Migration(migrations.Migration):
    dependencies = [("officials", "0001_initial")]

    operations = [migrations.RunPython(add_offices, migrations.RunPython.noop)]
