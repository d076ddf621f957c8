"""The newsroom's roles and the "Release review" workflow (dateline/editorial/roles.py)."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowState

from dateline.editorial import roles
from dateline.releases.models import NewsIndexPage, NewsReleasePage


@pytest.fixture
def draft(desk_draft):
    return desk_draft()


def test_the_four_roles_exist_and_wagtails_groups_are_left_alone(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Writer", "Editor", "Officials manager", "Site admin"} <= names
    assert {"Editors", "Moderators"} <= names


def test_making_the_roles_again_changes_nothing(city):
    before = (
        GroupPagePermission.objects.count(),
        sum(g.permissions.count() for g in Group.objects.all()),
    )
    roles.ensure_roles(apps)
    roles.ensure_release_review(apps)
    after = (
        GroupPagePermission.objects.count(),
        sum(g.permissions.count() for g in Group.objects.all()),
    )
    assert before == after
    assert Workflow.objects.filter(name="Release review").count() == 1
    assert Workflow.objects.get(name="Release review").workflow_tasks.count() == 1


def test_writers_write_and_submit_but_do_not_publish(role_user, draft, client):
    writer = role_user("Writer")
    rights = draft.permissions_for_user(writer)
    assert rights.can_edit() and not rights.can_publish()
    assert draft.get_parent().permissions_for_user(writer).can_add_subpage()
    client.force_login(writer)
    assert client.get(f"/admin/pages/{draft.pk}/edit/").status_code == 200
    adding = f"/admin/pages/add/releases/newsreleasepage/{draft.get_parent().pk}/"
    assert client.get(adding).status_code == 200
    # Wagtail's own pages and the staff list are not theirs.
    assert client.get(f"/admin/pages/{draft.get_parent().get_parent().pk}/edit/").status_code in (
        302,
        403,
    )
    assert client.get("/admin/users/").status_code in (302, 403)


def test_a_writers_release_goes_to_editors_who_publish_it(role_user, draft, client, desk_form):
    writer, editor = role_user("Writer"), role_user("Editor")
    assert draft.get_workflow().name == "Release review"
    client.force_login(writer)
    data = desk_form(draft)
    data["action-submit"] = "action-submit"
    response = client.post(f"/admin/pages/{draft.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Editor approval"
    draft.refresh_from_db()
    assert not draft.live

    # A writer cannot approve their own release.
    task = state.current_task_state.task.specific
    assert not task.user_can_access_editor(draft, writer) or not task.get_actions(draft, writer)
    assert task.get_actions(draft, editor)

    client.force_login(editor)
    response = client.post(
        f"/admin/pages/workflow/action/{draft.pk}/approve/{state.current_task_state.pk}/",
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.live


def test_editors_publish_schedule_lock_and_unlock(role_user, draft):
    editor = role_user("Editor")
    rights = draft.permissions_for_user(editor)
    assert rights.can_publish() and rights.can_lock() and rights.can_unlock()
    assert rights.can_set_view_restrictions() is not None
    assert editor.has_perm("editorial.add_correction")
    assert editor.has_perm("editorial.change_presscontact")
    assert editor.has_perm("editorial.add_previewlink")
    assert editor.has_perm("topics.change_topic") and editor.has_perm("core.change_mediacontact")
    release = NewsReleasePage.objects.get(pk=draft.pk)
    release.go_live_at = timezone.now() + timezone.timedelta(days=1)
    release.save_revision(user=editor).publish(user=editor)
    release.refresh_from_db()
    assert not release.live and release.has_unpublished_changes  # scheduled


def test_editors_manage_the_press_list(role_user, client, city):
    client.force_login(role_user("Editor"))
    assert client.get("/admin/snippets/topics/topic/").status_code == 200
    assert client.get("/admin/snippets/core/mediacontact/").status_code == 200


def test_officials_managers_keep_officials_and_letters(role_user, role_letters, client):
    manager = role_user("Officials manager")
    assert manager.has_perm("officials.change_official")
    assert manager.has_perm("officials.add_office") and manager.has_perm("officials.add_term")
    rights = role_letters.permissions_for_user(manager)
    assert rights.can_add_subpage() and rights.can_publish_subpage()
    client.force_login(manager)
    assert client.get("/admin/snippets/officials/official/").status_code == 200
    newsroom = NewsIndexPage.objects.get()
    assert not newsroom.permissions_for_user(manager).can_add_subpage()
    # And writers cannot change letters.
    assert not role_letters.permissions_for_user(role_user("Writer")).can_add_subpage()


def test_site_admins_manage_staff_and_settings(role_user, client, city):
    admin = role_user("Site admin")
    client.force_login(admin)
    for path in (
        "/admin/users/",
        "/admin/groups/",
        "/admin/workflows/list/",
        f"/admin/settings/core/citysettings/{city['site'].pk}/",
        f"/admin/pages/{city['home'].pk}/edit/",
    ):
        assert client.get(path).status_code == 200, path


def test_a_newsroom_added_later_is_open_to_writers_and_editors(role_user, city):
    writer, editor = role_user("Writer"), role_user("Editor")
    police = NewsIndexPage(title="Police News", slug="police")
    city["home"].add_child(instance=police)
    assert police.permissions_for_user(writer).can_add_subpage()
    assert police.permissions_for_user(editor).can_publish_subpage()


def test_a_legal_review_step_is_added_by_a_setting(city):
    workflow = Workflow.objects.get(name="Release review")
    assert roles.ensure_legal_review() is None
    with override_settings(DATELINE_LEGAL_REVIEW_GROUP="Legal"):
        roles.ensure_legal_review()
        roles.ensure_legal_review()
    steps = [t.task.name for t in workflow.workflow_tasks.order_by("sort_order")]
    assert steps == ["Editor approval", "Legal approval"]
    legal = Group.objects.get(name="Legal")
    assert legal.permissions.filter(codename="access_admin").exists()
    assert workflow.tasks.get(name="Legal approval").specific.groups.get() == legal


def test_the_legal_step_is_made_at_migrate(city):
    from django.core.management import call_command

    with override_settings(DATELINE_LEGAL_REVIEW_GROUP="Legal"):
        call_command("migrate", verbosity=0)
    workflow = Workflow.objects.get(name="Release review")
    assert workflow.tasks.filter(name="Legal approval").exists()


def test_release_review_covers_the_whole_tree(city):
    root = Page.get_first_root_node()
    assert root.get_workflow().name == "Release review"
    assert city["newsroom"].get_workflow().name == "Release review"
