"""Translation is on from the start, so translated releases need no reshaping later."""

import pytest
from django.conf import settings
from wagtail.models import Locale

from dateline.core.models import MediaContact
from dateline.topics.models import Topic

pytestmark = pytest.mark.django_db


def test_one_content_language_by_default():
    assert settings.WAGTAIL_I18N_ENABLED
    assert settings.WAGTAIL_CONTENT_LANGUAGES == [("en", "English")]
    assert Locale.get_default().language_code == "en"


def test_snippets_can_be_translated_and_lists_show_one_language(client, city):
    spanish = Locale.objects.create(language_code="es")
    parks = Topic.objects.create(name="Parks", slug="parks")
    parques = parks.copy_for_translation(spanish)
    parques.name = "Parques"
    parques.save()
    assert parques.translation_key == parks.translation_key
    assert parques.get_translation(Locale.get_default()) == parks

    contact = MediaContact.objects.create(name="Imogen Vance")
    assert contact.copy_for_translation(spanish).locale == spanish

    html = client.get("/topics/").content.decode()
    assert "Parks" in html
    assert "Parques" not in html
