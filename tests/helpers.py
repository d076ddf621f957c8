"""Helpers the tests import (fixtures are in the conftest files; the city is
dateline/demo/testcity.py)."""

import html as html_lib
import io
import re

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from dateline.demo.testcity import ZONE

PACIFIC = ZONE

_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def visible_text(page) -> str:
    """What a reader sees of an HTML page or fragment (or a response's): no scripts, styles
    or tags, entities decoded, whitespace folded to single spaces."""
    markup = page.content.decode() if hasattr(page, "content") else page
    markup = _TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", markup))
    return " ".join(html_lib.unescape(markup).split())


def make_image(title="Test photo", color=(30, 120, 90), size=(800, 500)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format="JPEG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="photo.jpg"))
