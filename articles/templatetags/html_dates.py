from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def html_datetime(value):
    """A moment for <time datetime="...">: ISO 8601 in the site's time zone, to the
    second. (Django's `date:"c"` keeps microseconds, which HTML does not allow: a
    fraction of a second has one to three digits.)"""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()
