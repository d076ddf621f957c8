from django.db import models


class ImportedRelease(models.Model):
    """Which release an imported item became, so importing it again changes nothing.

    Keyed on the item's original address when the source tells it, else on its place in the
    import (file path, feed item); ``content_hash`` tells a changed source from the same one.
    """

    source_key = models.CharField(max_length=1000, unique=True)
    source = models.CharField(max_length=1000, help_text="Where it was read from, last time.")
    original_url = models.URLField(max_length=1000, blank=True)
    content_hash = models.CharField(max_length=64)
    release = models.ForeignKey(
        "releases.NewsReleasePage", on_delete=models.CASCADE, related_name="imported_from"
    )
    # Related-story links the old page had, kept until the releases they point to are
    # imported too (often later in the same run, or in a later run).
    pending_related = models.JSONField(default=list, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.source_key

    class Meta:
        verbose_name = "imported release"
        indexes = [models.Index(fields=["original_url"])]
