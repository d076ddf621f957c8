"""The "Related stories" box when the editor picked none: computed, stored, kept up to date."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from dateline.releases.models import ComputedRelated, RelatedRelease
from dateline.releases.related import related_releases

pytestmark = pytest.mark.django_db


def titles(pages) -> list[str]:
    return [p.title for p in pages]


def related_box(client, release) -> list[str]:
    html = client.get(release.url).content.decode()
    if "Related stories" not in html:
        return []
    box = html[html.index('id="related-heading"') :]
    return re.findall(r'class="related__headline" href="[^"]*">([^<]*)</a>', box)


def stored(release) -> list[str]:
    rows = ComputedRelated.objects.filter(release=release).order_by("rank")
    return [row.related.title for row in rows]


@pytest.fixture
def newsroom(story, topics, officials):
    """A park story; two stories sharing its official and topic; one sharing only the topic;
    and stories about something else entirely."""
    ines, otto = officials["ines-park"], officials["otto-brandt"]
    parks, water, housing = topics["parks"], topics["water"], topics["housing"]
    return {
        "main": story(
            "Mayor opens Millrace Park", "Ribbon cutting by the river.",
            day=(2024, 5, 1), topics=[parks], names=[ines],
        ),
        "official+topic old": story(
            "Mayor plants trees along the river", "Volunteers joined.",
            day=(2024, 3, 1), topics=[parks], names=[ines],
        ),
        "official+topic new": story(
            "Mayor reads at the library garden", "Story hour outdoors.",
            day=(2024, 4, 1), topics=[parks], names=[ines],
        ),
        "topic only": story(
            "Skate ribbon rink season ends", "Thanks, skaters.",
            day=(2024, 4, 20), topics=[parks],
        ),
        "unrelated": story(
            "Water rates rise in July", "Bills go up.",
            day=(2024, 4, 25), topics=[water], names=[otto],
        ),
        "unrelated 2": story(
            "Housing grants open", "Apply by June.", day=(2024, 4, 26), topics=[housing],
        ),
    }  # fmt: skip


def test_computed_list_prefers_shared_official_and_topic(newsroom):
    main = newsroom["main"]
    found = titles(related_releases(main))
    assert len(found) == 3
    assert set(found[:2]) == {
        "Mayor reads at the library garden",
        "Mayor plants trees along the river",
    }
    assert found[2] == "Skate ribbon rink season ends"
    assert "Mayor opens Millrace Park" not in found
    assert not {"Water rates rise in July", "Housing grants open"} & set(found)


def test_text_alone_can_relate_stories(story):
    main = story("Library extends weekend hours at Central Branch", day=(2024, 1, 5))
    story("Central Branch library hours change for holidays", day=(2024, 1, 1))
    story("Council approves sidewalk budget", day=(2024, 1, 2))
    assert titles(related_releases(main)) == ["Central Branch library hours change for holidays"]


def test_computed_list_never_shows_itself_drafts_or_private_stories(newsroom):
    newsroom["official+topic new"].unpublish()
    PageViewRestriction.objects.create(
        page=newsroom["official+topic old"], restriction_type="login"
    )
    found = titles(related_releases(newsroom["main"]))
    assert found == ["Skate ribbon rink season ends"]


def test_computed_list_is_stable_and_ties_go_to_the_newer_story(story, topics):
    parks = topics["parks"]
    main = story("Parks news", day=(2024, 1, 10), topics=[parks])
    for day in (3, 7, 5, 1):
        story(f"Other parks item {day}", day=(2024, 1, day), topics=[parks])
    first = titles(related_releases(main))
    assert first == ["Other parks item 7", "Other parks item 5", "Other parks item 3"]
    assert titles(related_releases(main)) == first


def test_reading_a_release_writes_nothing_and_stays_cheap(
    client, newsroom, django_assert_max_num_queries
):
    main = newsroom["main"]
    assert len(related_box(client, main)) == 3
    assert not ComputedRelated.objects.exists()
    call_command("recompute_related", stdout=open("/dev/null", "w"))  # noqa: SIM115
    main.refresh_from_db()
    with django_assert_max_num_queries(4):
        assert len(related_releases(main)) == 3


def test_release_page_shows_computed_stories(client, newsroom):
    box = related_box(client, newsroom["main"])
    assert len(box) == 3
    assert "Mayor reads at the library garden" in box
    assert "Water rates rise in July" not in box


def test_editor_picks_still_win(story, newsroom):
    pick = newsroom["unrelated"]
    main = story("Mayor opens Harbor Park", day=(2024, 5, 2), related=[pick])
    assert titles(related_releases(main)) == ["Water rates rise in July"]


def test_management_command_stores_every_list(newsroom, capsys):
    call_command("recompute_related")
    assert "Related stories stored for" in capsys.readouterr().out
    main = newsroom["main"]
    assert stored(main)[:2] == titles(related_releases(main))[:2]
    assert "Mayor opens Millrace Park" not in stored(main)
    assert titles(related_releases(main)) == titles(related_releases(main))
    # Nothing unrelated is stored, and no list holds its own release.
    for row in ComputedRelated.objects.all():
        assert row.release_id != row.related_id


def test_publishing_a_related_story_updates_stored_lists(
    client, newsroom, story, topics, officials, django_capture_on_commit_callbacks
):
    call_command("recompute_related", stdout=open("/dev/null", "w"))  # noqa: SIM115
    main = newsroom["main"]
    before = stored(main)
    assert "Mayor cuts ribbon on Millrace Park river trail" not in before
    with django_capture_on_commit_callbacks(execute=True):
        story(
            "Mayor cuts ribbon on Millrace Park river trail",
            "By the river.",
            day=(2024, 5, 3),
            topics=[topics["parks"]],
            names=[officials["ines-park"]],
        )
    assert stored(main)[0] == "Mayor cuts ribbon on Millrace Park river trail"
    assert related_box(client, main)[0] == "Mayor cuts ribbon on Millrace Park river trail"
    # The new story's own list is stored too, and holds the park story.
    new = ComputedRelated.objects.filter(
        release__title="Mayor cuts ribbon on Millrace Park river trail"
    )
    assert "Mayor opens Millrace Park" in [row.related.title for row in new]


def test_unpublishing_a_story_takes_it_out_of_every_list(
    client, newsroom, story, topics, django_capture_on_commit_callbacks
):
    story("Spray park opens", day=(2024, 2, 1), topics=[topics["parks"]])
    call_command("recompute_related", stdout=open("/dev/null", "w"))  # noqa: SIM115
    main, gone = newsroom["main"], newsroom["official+topic new"]
    assert gone.title in stored(main)
    holders = set(ComputedRelated.objects.filter(related=gone).values_list("release", flat=True))
    assert holders
    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
    assert not ComputedRelated.objects.filter(related=gone).exists()
    assert not ComputedRelated.objects.filter(release=gone).exists()
    box = related_box(client, main)
    assert gone.title not in box
    assert len(box) == 3 and "Spray park opens" in box  # refilled from the other stories


def test_a_story_made_private_leaves_the_lists(newsroom, django_capture_on_commit_callbacks):
    call_command("recompute_related", stdout=open("/dev/null", "w"))  # noqa: SIM115
    private = newsroom["official+topic old"]
    assert ComputedRelated.objects.filter(related=private).exists()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert not ComputedRelated.objects.filter(related=private).exists()


def test_deleting_a_story_refills_the_lists_that_held_it(
    newsroom, story, topics, django_capture_on_commit_callbacks
):
    for day in (1, 2, 3):
        story(f"Parks notice {day}", day=(2023, 1, day), topics=[topics["parks"]])
    call_command("recompute_related", stdout=open("/dev/null", "w"))  # noqa: SIM115
    main, doomed = newsroom["main"], newsroom["official+topic new"]
    assert len(stored(main)) == 5 and doomed.title in stored(main)
    with django_capture_on_commit_callbacks(execute=True):
        doomed.delete()
    assert len(stored(main)) == 5 and doomed.title not in stored(main)


def test_editor_picks_are_kept_as_before(make_release):
    first = make_release("First pick")
    second = make_release("Second pick")
    release = make_release("Main story", related=[second, first])
    RelatedRelease.objects.create(page=release, release=release, sort_order=5)
    assert titles(related_releases(release)) == ["Second pick", "First pick"]
    assert titles(related_releases(release, limit=1)) == ["Second pick"]
