from django.db import models


class DemoLoad(models.Model):
    """Marks that the demo city was loaded, so a second load never touches editors' work."""

    loaded_at = models.DateTimeField(auto_now_add=True)
    releases = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Demo city loaded {self.loaded_at:%Y-%m-%d %H:%M}"
