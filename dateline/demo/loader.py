"""Loads the fictional city of Calder Springs: settings, newsrooms, topics, releases, media."""

import io
import json
import secrets
import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Locale, Page, Site

from dateline.alerts.models import AlertSettings
from dateline.core.models import CitySettings, MediaContact
from dateline.core.publishing import bulk_publication
from dateline.officials.defaults import ensure_default_offices
from dateline.officials.detection import refresh_mentions
from dateline.officials.models import LetterIndexPage, LetterPage, LetterSignatory, Office, Official
from dateline.officials.roster import import_roster
from dateline.releases.models import HomePage, NewsIndexPage, NewsReleasePage, RelatedRelease
from dateline.releases.related import recompute_all
from dateline.topics.models import Topic

from . import images, pdf
from .models import DemoLoad

CONTENT = Path(__file__).with_name("content.json")
ROSTER = Path(__file__).with_name("roster.csv")
# Offices the demo roster uses beyond the ones every install starts with.
DEMO_OFFICES = ["Public Works Director", "Fire Chief", "Police Chief", "Parks Director"]
LOGIN_FILE_NAME = "demo-login.txt"
DEMO_USERNAME = "admin"


@dataclass
class LoadResult:
    loaded: bool
    releases: int = 0
    images: int = 0
    documents: int = 0
    username: str = DEMO_USERNAME
    password: str | None = None
    messages: list[str] = field(default_factory=list)


def login_file() -> Path:
    return Path(settings.DATA_DIR) / LOGIN_FILE_NAME


def root_page() -> Page:
    """The page tree's root, made (with the default locale and the root collection of images
    and documents) if the database has none, as after `dateline flush`."""
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        locale = Locale.get_default() if Locale.objects.exists() else None
        if locale is None:
            locale = Locale.objects.create(
                language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
            )
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def load_demo(content_path: Path = CONTENT, *, create_login: bool = True) -> LoadResult:
    """Load the demo city once. Returns loaded=False, changing nothing, when it is already there."""
    if DemoLoad.objects.exists():
        return LoadResult(
            loaded=False, messages=["The demo city is already loaded; nothing changed."]
        )
    content = json.loads(Path(content_path).read_text(encoding="utf-8"))
    # Loading a city is not news: no alerts, no related-story job per release (the worker
    # would redo, release by release, the lists computed here once).
    with transaction.atomic(), bulk_publication():
        result = _Loader(content).run()
        # Readers see related stories from the first page load, before the worker starts.
        recompute_all()
        if create_login:
            result.password = _create_login()
        DemoLoad.objects.create(releases=result.releases)
    return result


def _create_login() -> str | None:
    User = get_user_model()
    if User.objects.filter(username=DEMO_USERNAME).exists():
        return None
    password = secrets.token_urlsafe(12)
    User.objects.create_superuser(DEMO_USERNAME, "admin@caldersprings.example", password)
    path = login_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{DEMO_USERNAME}\n{password}\n", encoding="utf-8")
    path.chmod(0o600)
    return password


class _Loader:
    def __init__(self, content: dict):
        self.content = content
        self.city = content["city"]
        self.tz = zoneinfo.ZoneInfo(self.city["time_zone"])
        self.topics: dict[str, Topic] = {}
        self.contacts: dict[str, MediaContact] = {}
        self.newsrooms: dict[str, NewsIndexPage] = {}
        self.releases: dict[str, NewsReleasePage] = {}
        self.image_count = 0
        self.document_count = 0
        self.letters: dict[str, LetterPage] = {}
        self.letter_index: LetterIndexPage | None = None

    def run(self) -> LoadResult:
        home, site = self._home_and_site()
        self._contacts()
        self._topics()
        self._city_settings(site)
        self._roster()
        for spec in self.content["newsrooms"]:
            newsroom = NewsIndexPage(
                title=spec["title"], slug=spec["slug"], intro=f"<p>{spec['intro']}</p>"
            )
            home.add_child(instance=newsroom)
            newsroom.save_revision().publish()
            self.newsrooms[spec["slug"]] = newsroom
        self.letter_index = LetterIndexPage(
            title="Letters",
            slug="letters",
            intro="<p>Letters the Mayor and City Council sent on the city’s behalf.</p>",
        )
        home.add_child(instance=self.letter_index)
        self.letter_index.save_revision().publish()
        for spec in sorted(self.content["releases"], key=lambda r: r["release_date"]):
            self.releases[spec["slug"]] = self._release(spec)
        for spec in self.content["releases"]:
            self._publish(spec)
        featured = [s["slug"] for s in self.content["releases"] if s.get("featured")]
        if featured:
            home.featured_release = self.releases[featured[0]]
        home.save_revision().publish()
        return LoadResult(
            loaded=True,
            releases=len(self.releases),
            images=self.image_count,
            documents=self.document_count,
        )

    # --- site, settings, snippets -------------------------------------------------------

    def _home_and_site(self) -> tuple[HomePage, Site]:
        root = root_page()
        site = Site.objects.filter(is_default_site=True).first()
        # Wagtail's own "Welcome" placeholder makes way for the city's home page.
        for child in root.get_children():
            if child.specific_class is Page and child.slug == "home":
                if site is not None and site.root_page_id == child.pk:
                    site.root_page = root
                    site.save()
                child.delete()
        home = HomePage(
            title=f"{self.city['name']} News",
            slug="home",
            intro=self.city.get("tagline", ""),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        if site is None:
            site = Site(is_default_site=True)
        # Page addresses in feeds, sitemaps and shares use the site's host: the address the
        # demo is served at (DATELINE_BASE_URL), not Wagtail's placeholder "localhost".
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site.hostname = base.hostname or "localhost"
        site.port = base.port or (443 if base.scheme == "https" else 80)
        site.root_page = home
        site.site_name = f"City of {self.city['name']}"
        site.save()
        return home, site

    def _contacts(self) -> None:
        for spec in self.content["media_contacts"]:
            self.contacts[spec["key"]] = MediaContact.objects.create(
                name=spec["name"], title=spec["title"], email=spec["email"], phone=spec["phone"]
            )

    def _topics(self) -> None:
        for spec in self.content["topics"]:
            self.topics[spec["slug"]] = Topic.objects.create(
                name=spec["name"], slug=spec["slug"], description=spec.get("description", "")
            )

    def _city_settings(self, site: Site) -> None:
        city = CitySettings.for_site(site)
        city.city_name = self.city["name"]
        city.state = self.city["state"]
        city.time_zone = self.city["time_zone"]
        city.publisher_name = f"City of {self.city['name']}"
        city.tagline = self.city.get("tagline", "")
        city.postal_address = self.city.get("postal_address", "")
        default = next((c for c in self.content["media_contacts"] if c.get("default")), None)
        if default:
            city.default_media_contact = self.contacts[default["key"]]
        city.logo = self._logo()
        city.save()
        # Alerts and confirmations come from different addresses, as mail providers prefer.
        alerts = AlertSettings.for_site(site)
        alerts.alerts_from_email = "news@caldersprings.example"
        alerts.alerts_from_name = f"City of {self.city['name']} News"
        alerts.transactional_from_email = "subscriptions@caldersprings.example"
        alerts.reply_to_email = "communications@caldersprings.example"
        alerts.save()

    def _logo(self) -> Image:
        size = 256
        canvas = PILImage.new("RGBA", (size, size), (0, 0, 0, 0))
        draw = ImageDraw.Draw(canvas)
        draw.ellipse((4, 4, size - 4, size - 4), fill=(255, 255, 255, 255))
        draw.ellipse((20, 20, size - 20, size - 20), fill=(11, 79, 108, 255))
        # A river under three hills: the city's seal, drawn rather than shipped.
        for i, color in enumerate(((46, 125, 96), (61, 148, 113), (84, 170, 131))):
            x = 40 + i * 50
            draw.polygon([(x, 170), (x + 60, 90 - i * 8), (x + 120, 170)], fill=color + (255,))
        draw.rectangle((36, 168, size - 36, 196), fill=(130, 196, 230, 255))
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG")
        self.image_count += 1
        return Image.objects.create(
            title=f"{self.city['name']} city seal",
            file=ImageFile(buffer, name="city-seal.png"),
            description=f"Seal of the City of {self.city['name']}",
        )

    # --- releases -------------------------------------------------------------------------

    def _image(self, scene: str, seed: int, title: str, alt: str) -> Image:
        data = images.render_scene(scene, seed)
        self.image_count += 1
        return Image.objects.create(
            title=title[:255],
            file=ImageFile(io.BytesIO(data), name=f"{scene}-{seed}.jpg"),
            description=alt[:255],
        )

    def _document(self, spec: dict) -> Document:
        data = pdf.text_pdf(spec["title"], spec["pdf_lines"])
        self.document_count += 1
        return Document.objects.create(
            title=spec["title"][:255],
            file=ContentFile(data, name=f"{slugify(spec['title'])[:80] or 'document'}.pdf"),
            file_size=len(data),
        )

    def _body(self, spec: dict) -> list[dict]:
        stream = []
        for block in spec["body"]:
            kind = block["type"]
            if kind == "paragraph":
                stream.append({"type": "paragraph", "value": block["html"]})
            elif kind == "quote":
                stream.append(
                    {
                        "type": "quote",
                        "value": {"text": block["text"], "attribution": block["attribution"]},
                    }
                )
            elif kind == "image":
                image = self._image(
                    block["scene"],
                    block["seed"],
                    block.get("caption") or block["alt"],
                    block["alt"],
                )
                stream.append(
                    {
                        "type": "image",
                        "value": {
                            "image": image.pk,
                            "alt_text": block["alt"],
                            "decorative": False,
                            "caption": block.get("caption", ""),
                            "credit": block.get("credit", ""),
                        },
                    }
                )
            elif kind == "document" and block.get("kind") == "letter" and spec.get("letter"):
                letter = self._letter(spec, self._document(block))
                stream.append({"type": "letter", "value": {"letter": letter.pk, "note": ""}})
            elif kind == "document":
                document = self._document(block)
                stream.append(
                    {
                        "type": "document",
                        "value": {"document": document.pk, "title": "", "description": ""},
                    }
                )
            elif kind == "table":
                stream.append(
                    {
                        "type": "table",
                        "value": {
                            "data": [block["header"], *block["rows"]],
                            "first_row_is_table_header": True,
                            "first_col_is_header": False,
                            "table_caption": block.get("caption", ""),
                        },
                    }
                )
            elif kind == "cta":
                stream.append(
                    {
                        "type": "call_to_action",
                        "value": {"text": block["text"], "page": None, "url": block["url"]},
                    }
                )
            elif kind == "embed":
                stream.append(
                    {"type": "embed", "value": {"url": block["url"], "title": block["title"]}}
                )
            else:
                raise ValueError(f"Release {spec['slug']}: unknown body block type {kind!r}")
        return stream

    def _release(self, spec: dict) -> NewsReleasePage:
        release_date = datetime.fromisoformat(spec["release_date"]).replace(tzinfo=self.tz)
        lead = spec.get("lead_image")
        page = NewsReleasePage(
            title=spec["headline"],
            slug=spec["slug"],
            dek=spec.get("dek", ""),
            release_date=release_date,
            dateline_city=spec["dateline"]["city"],
            dateline_state=spec["dateline"]["state"],
            media_contact=self.contacts.get(spec.get("media_contact", "")),
            body=json.dumps(self._body(spec)),
        )
        if lead:
            page.lead_image = self._image(
                lead["scene"], lead["seed"], lead.get("caption") or spec["headline"], lead["alt"]
            )
            page.lead_image_alt = lead["alt"]
            page.lead_image_decorative = bool(lead.get("decorative"))
            page.lead_image_caption = lead.get("caption", "")
            page.lead_image_credit = lead.get("credit", "")
        page.topics = [self.topics[slug] for slug in spec["topics"]]
        self.newsrooms[spec["newsroom"]].add_child(instance=page)
        return page

    def _roster(self) -> None:
        ensure_default_offices(Office)
        for title in DEMO_OFFICES:
            Office.objects.get_or_create(title=title, defaults={"precedence": 50})
        import_roster(ROSTER.read_text(encoding="utf-8"))
        for index, official in enumerate(Official.objects.all()):
            official.portrait = self._portrait(official.name, index)
            official.portrait_alt = f"Official portrait of {official.name}"
            official.save()

    def _portrait(self, name: str, index: int) -> Image:
        backgrounds = [(44, 96, 128), (94, 76, 122), (46, 112, 92), (132, 84, 60), (70, 84, 110)]
        skins = [(241, 204, 170), (198, 146, 108), (141, 96, 66), (224, 172, 130), (96, 64, 46)]
        canvas = PILImage.new("RGB", (480, 600), backgrounds[index % len(backgrounds)])
        draw = ImageDraw.Draw(canvas)
        suit = [(36, 40, 52), (90, 36, 44), (40, 70, 60), (60, 60, 66)][index % 4]
        draw.ellipse((60, 400, 420, 760), fill=suit)
        draw.rectangle((205, 330, 275, 420), fill=skins[index % len(skins)])
        draw.ellipse((150, 150, 330, 360), fill=skins[index % len(skins)])
        hair = [(30, 24, 20), (90, 60, 30), (160, 160, 160), (60, 40, 30)][index % 4]
        draw.chord((140, 130, 340, 300), 180, 360, fill=hair)
        draw.polygon([(215, 420), (240, 470), (265, 420)], fill=(236, 236, 240))
        buffer = io.BytesIO()
        canvas.save(buffer, format="JPEG", quality=85)
        self.image_count += 1
        return Image.objects.create(
            title=f"Portrait of {name}",
            file=ImageFile(buffer, name=f"{slugify(name)}.jpg"),
            description=f"Official portrait of {name}",
        )

    def _letter(self, spec: dict, document: Document) -> LetterPage:
        data = spec["letter"]
        officials = {o.name: o for o in Official.objects.all()}
        recipient = data.get("recipient", {})
        letter = LetterPage(
            title=data["title"],
            slug=slugify(data["title"])[:80],
            letter_date=datetime.fromisoformat(data["date"]).date(),
            recipient_name=recipient.get("name", ""),
            recipient_title=recipient.get("title", ""),
            recipient_organisation=recipient.get("organisation", ""),
            requested_by=officials.get(data.get("requested_by", "")),
            document=document,
            text=data.get("text", ""),
        )
        letter.signatories = [
            LetterSignatory(official=officials[name], sort_order=i)
            for i, name in enumerate(data["signatories"])
        ]
        self.letter_index.add_child(instance=letter)
        letter.save_revision().publish()
        self.letters[spec["slug"]] = letter
        return letter

    def _publish(self, spec: dict) -> None:
        page = self.releases[spec["slug"]]
        refresh_mentions(page, self.tz, confirm=True)
        page.related_links = [
            RelatedRelease(release=self.releases[slug], sort_order=i)
            for i, slug in enumerate(spec.get("related", []))
        ]
        page.first_published_at = page.release_date
        page.save_revision().publish()
        NewsReleasePage.objects.filter(pk=page.pk).update(first_published_at=page.release_date)
