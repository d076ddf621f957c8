"""ResetRequest moves here from the editorial app: the model only, its table stays as it is.

The table (editorial_resetrequest) was made by editorial's 0003 migration, so nothing is
created here; editorial's 0004 forgets the model on its side. The content type follows, so
the permissions on the model keep their groups.
"""

import django.utils.timezone
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="editorial", model="resetrequest").update(
        app_label="security"
    )


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="security", model="resetrequest").update(
        app_label="editorial"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("editorial", "0003_preview_revisions_and_reset_requests"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ResetRequest",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("scope", models.CharField(max_length=16)),
                        ("key", models.CharField(max_length=64)),
                        (
                            "created_at",
                            models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                        ),
                    ],
                    options={
                        "db_table": "editorial_resetrequest",
                        "indexes": [
                            models.Index(
                                fields=["scope", "key", "created_at"],
                                name="editorial_r_scope_828c2a_idx",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
