"""Preview links keep the revision they were made for; embargo copies can be withdrawn;
staff password reset requests are counted.

Links made before this have no revision on record. Each gets the page's newest revision from
no later than the link itself (for an embargoed copy, the revision still scheduled, when that
is old enough), so it never shows edits made after it was sent; a link with no such revision
is revoked. Copies already cancelled count as withdrawn.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def pin_revisions(apps, schema_editor):
    from django.utils import timezone

    PreviewLink = apps.get_model("editorial", "PreviewLink")
    EmbargoNotice = apps.get_model("editorial", "EmbargoNotice")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    now = timezone.now()
    for link in PreviewLink.objects.filter(revision__isnull=True):
        revisions = Revision.objects.filter(
            base_content_type=page_type,
            object_id=str(link.page_id),
            created_at__lte=link.created_at,
        ).order_by("-created_at", "-pk")
        revision = None
        if link.purpose == "embargo":
            revision = revisions.filter(approved_go_live_at__isnull=False).first()
        revision = revision or revisions.first()
        if revision is None:
            link.revoked_at = link.revoked_at or now
        link.revision = revision
        link.save(update_fields=["revision", "revoked_at"])
    EmbargoNotice.objects.filter(status="cancelled", withdrawn_at__isnull=True).update(
        withdrawn_at=now
    )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_roles_and_review"),
        ("releases", "0009_release_date_index"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="ResetRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("scope", models.CharField(max_length=16)),
                ("key", models.CharField(max_length=64)),
                (
                    "created_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
            ],
        ),
        migrations.RemoveConstraint(
            model_name="embargonotice",
            name="editorial_one_embargo_copy_per_contact_and_time",
        ),
        migrations.AddField(
            model_name="embargonotice",
            name="withdrawn_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="previewlink",
            name="revision",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
            ),
        ),
        migrations.AddConstraint(
            model_name="embargonotice",
            constraint=models.UniqueConstraint(
                condition=models.Q(("withdrawn_at__isnull", True)),
                fields=("release", "contact", "embargo_until"),
                name="editorial_one_live_embargo_copy_per_contact_and_time",
            ),
        ),
        migrations.AddIndex(
            model_name="resetrequest",
            index=models.Index(
                fields=["scope", "key", "created_at"], name="editorial_r_scope_828c2a_idx"
            ),
        ),
        migrations.RunPython(pin_revisions, migrations.RunPython.noop),
    ]
