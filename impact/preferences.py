"""Display preferences (text size, letter spacing) kept in cookies.

Cookies rather than the user's profile: the login page needs them too, and older
volunteers often set the text size before they log in.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

TEXT_SIZE_COOKIE = "mw_text_size"
SPACING_COOKIE = "mw_spacing"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60

TEXT_SIZES = {
    "normal": _("Normaal"),
    "large": _("Groot"),
    "x-large": _("Extra groot"),
}
SPACINGS = {
    "normal": _("Normaal"),
    "wide": _("Ruim"),
}


@dataclass(frozen=True)
class DisplayPreferences:
    text_size: str = "normal"
    spacing: str = "normal"

    @classmethod
    def from_cookies(cls, cookies) -> "DisplayPreferences":
        text_size = cookies.get(TEXT_SIZE_COOKIE, "normal")
        spacing = cookies.get(SPACING_COOKIE, "normal")
        return cls(
            text_size=text_size if text_size in TEXT_SIZES else "normal",
            spacing=spacing if spacing in SPACINGS else "normal",
        )
