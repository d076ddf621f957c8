"""The newsroom's roles, as Wagtail groups, and the review every release goes through.

Writer
    Writes and edits releases in every newsroom, adds images and documents, and submits
    releases for review. Cannot publish.
Editor
    Everything a writer does, plus publishing, scheduling, locking and unlocking releases;
    approves or rejects releases sent for review; manages corrections, the press list,
    preview links, topics and media contacts.
Officials manager
    Keeps the list of officials, their offices and terms up to date, and writes and
    publishes letters.
Site admin
    Everything, including staff accounts, groups and the city's settings.

Wagtail's own "Editors" and "Moderators" groups are left as they were: existing sites may
have people in them. docs/configuration.md explains moving staff to the roles above.

The migration that creates the roles (migrations/0002_roles_and_review.py) calls these
functions with its historical models; newsrooms and letter pages created later get their
permissions from `grant_section_permissions`, called when such a page is first saved.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

WRITER = "Writer"
EDITOR = "Editor"
OFFICIALS_MANAGER = "Officials manager"
SITE_ADMIN = "Site admin"
ROLES = (WRITER, EDITOR, OFFICIALS_MANAGER, SITE_ADMIN)

RELEASE_REVIEW = "Release review"
EDITOR_APPROVAL = "Editor approval"

ACCESS_ADMIN = "wagtailadmin.access_admin"

# Permissions on models, as "app_label.codename".
MODEL_PERMISSIONS = {
    WRITER: [
        ACCESS_ADMIN,
        # Choosers in the release editor list these; writers pick, editors maintain.
        "topics.view_topic",
        "core.view_mediacontact",
        "officials.view_official",
        "officials.view_office",
    ],
    EDITOR: [
        ACCESS_ADMIN,
        *(f"topics.{verb}_topic" for verb in ("add", "change", "delete", "view")),
        *(f"core.{verb}_mediacontact" for verb in ("add", "change", "delete", "view")),
        *(
            f"editorial.{verb}_{model}"
            for model in ("correction", "presscontact", "previewlink")
            for verb in ("add", "change", "delete", "view")
        ),
        "editorial.view_embargonotice",
        "officials.view_official",
        "officials.view_office",
    ],
    OFFICIALS_MANAGER: [
        ACCESS_ADMIN,
        *(
            f"officials.{verb}_{model}"
            for model in ("official", "office", "term")
            for verb in ("add", "change", "delete", "view")
        ),
    ],
}

# Page permissions, given on each newsroom (NewsIndexPage) or letters page (LetterIndexPage)
# and so covering every release or letter below it.
NEWSROOM_PAGE_PERMISSIONS = {
    WRITER: ["add_page", "change_page"],
    EDITOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
LETTERS_PAGE_PERMISSIONS = {
    OFFICIALS_MANAGER: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
ALL_PAGE_PERMISSIONS = [
    "add_page",
    "bulk_delete_page",
    "change_page",
    "lock_page",
    "publish_page",
    "unlock_page",
]

# Image and document permissions, on the root collection (so every collection).
COLLECTION_PERMISSIONS = {
    WRITER: ["wagtailimages.add_image", "wagtailimages.choose_image"]
    + ["wagtaildocs.add_document", "wagtaildocs.choose_document"],
    EDITOR: [
        *(f"wagtailimages.{verb}_image" for verb in ("add", "change", "delete", "choose")),
        *(f"wagtaildocs.{verb}_document" for verb in ("add", "change", "delete", "choose")),
    ],
    OFFICIALS_MANAGER: ["wagtailimages.add_image", "wagtailimages.choose_image"]
    + ["wagtaildocs.add_document", "wagtaildocs.choose_document"],
    SITE_ADMIN: [
        *(f"wagtailimages.{verb}_image" for verb in ("add", "change", "delete", "choose")),
        *(f"wagtaildocs.{verb}_document" for verb in ("add", "change", "delete", "choose")),
    ],
}


def _permission(apps, dotted):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _page_permission(apps, codename):
    return _permission(apps, f"wagtailcore.{codename}")


def ensure_roles(apps) -> dict:
    """Create the four groups with their model and collection permissions; safe to repeat."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    for role, names in MODEL_PERMISSIONS.items():
        found = [p for p in (_permission(apps, name) for name in names) if p is not None]
        groups[role].permissions.add(*found)
    # A site admin can do everything the software knows how to allow.
    groups[SITE_ADMIN].permissions.add(*Permission.objects.all())
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for role, names in COLLECTION_PERMISSIONS.items():
            for name in names:
                permission = _permission(apps, name)
                if permission is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[role], collection=root_collection, permission=permission
                    )
    ensure_site_admin_pages(apps, groups[SITE_ADMIN])
    for page in _pages_of_type(apps, "releases", "newsindexpage"):
        grant_section_permissions(page, NEWSROOM_PAGE_PERMISSIONS, apps=apps)
    for page in _pages_of_type(apps, "officials", "letterindexpage"):
        grant_section_permissions(page, LETTERS_PAGE_PERMISSIONS, apps=apps)
    return groups


def ensure_site_admin_pages(apps, group) -> None:
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for root in Page.objects.filter(depth=1):
        for codename in ALL_PAGE_PERMISSIONS:
            permission = _page_permission(apps, codename)
            if permission is not None:
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=root.pk, permission=permission
                )


def grant_section_permissions(page, table, *, apps=None) -> None:
    """Give each role in `table` its page permissions on `page` (a newsroom or letters page).

    Called for existing pages by the migration and for new ones when they are created, so
    a newsroom added next year is open to writers and editors without anyone remembering.
    """
    if apps is None:
        apps = global_apps
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for role, codenames in table.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        for codename in codenames:
            permission = _page_permission(apps, codename)
            if permission is not None:
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=page.pk, permission=permission
                )


def _pages_of_type(apps, app_label, model):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
    if content_type is None:
        return Page.objects.none()
    return Page.objects.filter(content_type=content_type)


def ensure_release_review(apps):
    """The "Release review" workflow: one editor's approval, on the whole page tree.

    It replaces Wagtail's default "Moderators approval" at the root, so a writer's release
    goes to editors. Letters follow the same route, though officials managers usually
    publish their own.
    """
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    workflow, _ = Workflow.objects.get_or_create(name=RELEASE_REVIEW, defaults={"active": True})
    editors = Group.objects.get_or_create(name=EDITOR)[0]
    task = _approval_task(apps, EDITOR_APPROVAL, editors)
    _add_step(apps, workflow, task)
    for root in Page.objects.filter(depth=1):
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


def ensure_legal_review(apps=None):
    """With DATELINE_LEGAL_REVIEW_GROUP set, a second approval by that group after the editor's.

    Safe to repeat; run at every `dateline migrate`. Removing the step is done in the admin
    (Settings → Workflows), where one can see whether releases are waiting on it.
    """
    name = settings.DATELINE_LEGAL_REVIEW_GROUP
    if not name:
        return None
    if apps is None:
        apps = global_apps
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    workflow = Workflow.objects.filter(name=RELEASE_REVIEW).first()
    if workflow is None:
        return None
    group = Group.objects.get_or_create(name=name)[0]
    access = _permission(apps, ACCESS_ADMIN)
    if access is not None:
        group.permissions.add(access)
    task = _approval_task(apps, f"{name} approval", group)
    _add_step(apps, workflow, task)
    return task


def _approval_task(apps, name, group):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        # Historical models don't fill in Wagtail's "specific type" column themselves.
        content_type = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )[0]
        task = GroupApprovalTask.objects.create(
            name=name, active=True, content_type_id=content_type.pk
        )
    task.groups.add(group)
    return task


def _add_step(apps, workflow, task):
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    if WorkflowTask.objects.filter(workflow=workflow, task_id=task.pk).exists():
        return
    last = WorkflowTask.objects.filter(workflow=workflow).order_by("-sort_order").first()
    WorkflowTask.objects.create(
        workflow=workflow,
        task_id=task.pk,
        sort_order=(last.sort_order + 1) if last and last.sort_order is not None else 0,
    )


def sync_site_admins() -> None:
    """Site admins get the permissions of apps installed since the roles were made."""
    group = Group.objects.filter(name=SITE_ADMIN).first()
    if group is not None:
        group.permissions.add(*Permission.objects.all())
        ensure_site_admin_pages(global_apps, group)


# --- receivers, connected in editorial/signals.py -----------------------------------------


def newsroom_created(sender, instance, created, raw=False, **kwargs):
    # Fixtures being loaded (raw) bring their own permission rows.
    if created and not raw:
        grant_section_permissions(instance, NEWSROOM_PAGE_PERMISSIONS)


def letters_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_section_permissions(instance, LETTERS_PAGE_PERMISSIONS)


def after_migrate(sender, **kwargs):
    # Once, after the last app's permissions have been made, so site admins get them all.
    with_models = [config for config in global_apps.get_app_configs() if config.models_module]
    if not with_models or sender is not with_models[-1]:
        return
    # This receiver may run before django.contrib.auth's for the same app; make them now.
    create_permissions(sender, verbosity=0, using=kwargs.get("using", "default"))

    sync_site_admins()
    ensure_legal_review()
