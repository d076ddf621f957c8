from django.db import models
from django.utils import timezone


class ResetRequest(models.Model):
    """One staff password reset request, counted per address and per client (password_reset.py).

    Keys are keyed hashes, so the table holds no email address or IP.
    """

    scope = models.CharField(max_length=16)
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"Password reset request ({self.scope}, {self.created_at:%Y-%m-%d %H:%M})"

    class Meta:
        # The table the editorial app created before staff security became its own app;
        # keeping its name (and its index's) means moving the model moved no data.
        db_table = "editorial_resetrequest"
        indexes = [
            models.Index(fields=["scope", "key", "created_at"], name="editorial_r_scope_828c2a_idx")
        ]
