from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A subject residents follow across newsrooms: parks, public safety, housing…"""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, help_text="Used in the topic's web address.")
    description = models.TextField(blank=True, help_text="One or two sentences for the topic page.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("topics:detail", args=[self.slug])

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


register_snippet(Topic)
