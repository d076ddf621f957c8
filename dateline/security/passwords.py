"""Password rules Django's own validators lack (named in AUTH_PASSWORD_VALIDATORS)."""

from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    """Refuse passwords longer than 128 characters (ASVS 2.1.2).

    Long passphrases are welcome; the cap only stops megabyte "passwords" from making the
    password hasher a denial-of-service target.
    """

    def __init__(self, max_length: int = 128):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                f"This password is too long. Use at most {self.max_length} characters.",
                code="password_too_long",
            )

    def get_help_text(self):
        return f"Your password can be up to {self.max_length} characters long."
