from django.conf import settings

from impact.preferences import SPACINGS, TEXT_SIZES, DisplayPreferences


def display_preferences(request) -> dict:
    return {
        "display": DisplayPreferences.from_cookies(request.COOKIES),
        "text_size_choices": TEXT_SIZES,
        "spacing_choices": SPACINGS,
    }


def demo(request) -> dict:
    return {"demo_notice": settings.DEMO}
