"""The editorial calendar: scheduled, embargoed and unpublishing releases, week by week."""

import zoneinfo
from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from dateline.editorial.models import PressContact

pytestmark = pytest.mark.django_db

PACIFIC = zoneinfo.ZoneInfo("America/Los_Angeles")
# A future May 3 that is a Monday (2027, 2032, …), so the week starts on it.
YEAR = next(y for y in range(timezone.now().year + 1, 2100) if date(y, 5, 3).weekday() == 0)
NEXT_MAY = datetime(YEAR, 5, 3, 10, 0, tzinfo=PACIFIC)
CALENDAR = "/admin/desk/calendar/"


@pytest.fixture
def desk_scheduled(desk_draft, make_release, django_capture_on_commit_callbacks):
    scheduled = desk_draft("Library extends its hours")
    scheduled.go_live_at = NEXT_MAY + timedelta(days=1, hours=4, minutes=30)
    scheduled.save_revision().publish()
    embargoed = desk_draft("Budget proposal goes to council")
    embargoed.embargo_until = embargoed.go_live_at = NEXT_MAY
    embargoed.release_date = NEXT_MAY
    with django_capture_on_commit_callbacks(execute=True):
        embargoed.save_revision().publish()
    ending = make_release("Summer pool hours")
    ending.expire_at = NEXT_MAY + timedelta(days=2, hours=7)
    ending.save_revision().publish()
    return {"scheduled": scheduled, "embargoed": embargoed, "ending": ending}


def test_week_view_lists_by_day_in_city_time(desk_admin, desk_scheduled):
    response = desk_admin.get(f"{CALENDAR}?date={NEXT_MAY.date().isoformat()}")
    assert response.status_code == 200
    html = response.content.decode()
    year = NEXT_MAY.year
    assert f"Week of May 3, {year} to May 9, {year}" in html
    assert f"Monday, May 3, {year}" in html
    # Monday 10 a.m.: the embargo; Tuesday 2:30 p.m.: the scheduled one; Wednesday 5 p.m.: ends.
    monday, tuesday, wednesday = (
        html.index(f"{d}, May {n}, {year}")
        for d, n in (("Monday", 3), ("Tuesday", 4), ("Wednesday", 5))
    )
    embargoed = html.index("Budget proposal goes to council")
    scheduled = html.index("Library extends its hours")
    ending = html.index("Summer pool hours")
    assert monday < embargoed < tuesday < scheduled < wednesday < ending
    assert f"Embargoed until 10 a.m. May 3, {year}" in html
    assert "2:30 p.m." in html and "Scheduled" in html
    assert "5 p.m." in html and "Unpublishes" in html
    edit = f"/admin/pages/{desk_scheduled['embargoed'].pk}/edit/"
    assert f'href="{edit}"' in html
    assert "Next week" in html and "Previous week" in html


def test_day_view_and_moving_between_weeks(desk_admin, desk_scheduled):
    html = desk_admin.get(f"{CALENDAR}?view=day&date={NEXT_MAY.date().isoformat()}").content
    html = html.decode()
    assert "Budget proposal goes to council" in html
    assert "Library extends its hours" not in html
    following = (NEXT_MAY + timedelta(days=7)).date().isoformat()
    week = desk_admin.get(f"{CALENDAR}?date={NEXT_MAY.date().isoformat()}").content.decode()
    assert f"date={following}" in week
    empty = desk_admin.get(f"{CALENDAR}?date={following}").content.decode()
    assert "Nothing is scheduled this week." in empty


def test_empty_calendar_and_an_odd_date(desk_admin, city):
    html = desk_admin.get(CALENDAR).content.decode()
    assert "Nothing is scheduled this week." in html
    for odd in ("someday", "0001-01-01"):
        html = desk_admin.get(f"{CALENDAR}?date={odd}").content.decode()
        assert "That date was not understood; showing today." in html


def test_calendar_is_in_the_admin_menu(desk_admin, city):
    html = desk_admin.get("/admin/").content.decode()
    assert CALENDAR in html and "Calendar" in html


# --- the press list -----------------------------------------------------------------------


def test_editors_with_press_list_permissions_manage_it(client, city):
    editors = Group.objects.get_or_create(name="Editors")[0]
    editors.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="editorial", codename__endswith="presscontact"
        ),
    )
    user = get_user_model().objects.create_user("ed", "ed@harlow.example", "pw")
    user.groups.add(editors)
    client.force_login(user)
    listing = client.get("/admin/snippets/editorial/presscontact/")
    assert listing.status_code == 200
    response = client.post(
        "/admin/snippets/editorial/presscontact/add/",
        {
            "name": "Rosa Diaz",
            "organisation": "Courier",
            "email": "rosa@courier.example",
            "active": "on",
            "created_at": timezone.now().strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert PressContact.objects.get().email == "rosa@courier.example"
    assert "Rosa Diaz" in client.get("/admin/snippets/editorial/presscontact/").content.decode()


def test_people_without_the_permissions_cannot_see_the_press_list(client, city):
    user = get_user_model().objects.create_user("other", "o@harlow.example", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/snippets/editorial/presscontact/").status_code in (302, 403)
