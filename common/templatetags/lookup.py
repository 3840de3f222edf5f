"""`{{ mapping|get_item:key }}`: a dictionary's value for a key the template has in a
variable (Django's dot lookup takes only literal keys)."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
