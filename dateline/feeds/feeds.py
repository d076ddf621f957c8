"""RSS 2.0 and Atom 1.0 on django.contrib.syndication; JSON Feed 1.1 in views.py."""

from django.contrib.syndication.views import Feed
from django.utils import feedgenerator

from . import content, scopes


class PlainTextFeed(feedgenerator.SyndicationFeed):
    """Every text the feed carries, without the control characters XML cannot hold.

    Both the feed's own fields and each item's pass through here on their way in, so nothing
    already in the database (a headline pasted from Word, a NUL) can make the feed fail.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*content.plain(args), **content.plain(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*content.plain(args), **content.plain(kwargs))


class RssWithContent(PlainTextFeed, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 whose items carry the full release in content:encoded."""

    def root_attributes(self):
        return {
            **super().root_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(PlainTextFeed, feedgenerator.Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


class ReleaseFeed(Feed):
    feed_type = RssWithContent

    def get_object(self, request, kind="all", slug=""):
        self.request = request
        return scopes.resolve(request, kind, slug)

    def title(self, scope):
        return scope.title

    def link(self, scope):
        return scope.link

    def description(self, scope):
        return scope.description

    def feed_url(self, scope):
        return scope.feed_url("rss" if self.feed_type is RssWithContent else "atom")

    def author_name(self, scope):
        return scope.city.publisher

    def feed_copyright(self, scope):
        return scope.city.publisher

    def items(self, scope):
        return scope.items()

    def item_title(self, release):
        return release.title

    def item_link(self, release):
        return release.get_full_url(self.request)

    def item_guid(self, release):
        return release.get_full_url(self.request)

    def item_description(self, release):
        # RSS description and Atom summary type="html" are read as HTML.
        return content.summary_html(release)

    def item_pubdate(self, release):
        return release.release_date

    def item_updateddate(self, release):
        # A correction changes what readers were told, so feed readers should see it as new.
        return release.modified_at()

    def item_author_name(self, release):
        return self._scope.city.publisher

    def item_categories(self, release):
        return [topic.name for topic in release.topics.all()]

    def item_enclosures(self, release):
        image = content.lead_image(release, self._scope.root)
        if image is None:
            return []
        return [feedgenerator.Enclosure(image.url, str(image.size), image.mime_type)]

    def item_extra_kwargs(self, release):
        scope = self._scope
        return {"content_html": content.release_html(release, self.request, scope.city, scope.root)}

    def get_feed(self, obj, request):
        self._scope = obj
        return super().get_feed(obj, request)


class AtomReleaseFeed(ReleaseFeed):
    feed_type = AtomWithContent
    subtitle = ReleaseFeed.description
