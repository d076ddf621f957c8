"""ResetRequest now belongs to the staff security app (dateline/security), which keeps using
this app's table: the model leaves this app's state, the table and its rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_preview_revisions_and_reset_requests"),
        ("security", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ResetRequest")],
            database_operations=[],
        ),
    ]
