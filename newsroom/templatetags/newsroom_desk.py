from django import template

from articles.admin import local_time_label

from .. import desk

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_sections(context):
    """The desk's sections for the signed-in staff user (newsroom/desk.py)."""
    user = context["request"].user
    return desk.sections(user) if desk.may_see(user) else []


@register.inclusion_tag("admin/newsroom/desk_menu.html", takes_context=True)
def desk_menu(context):
    """The menu's counts, on every admin page: one query."""
    user = context["request"].user
    if not desk.may_see(user):
        return {"items": []}
    numbers = desk.counts(user)
    return {"items": [(key, label, numbers[key]) for key, label in desk.menu_items()]}


@register.filter
def newsroom_time(moment):
    """ "5 December 2026, 08:14 UTC": the site's time zone, named."""
    return local_time_label(moment) if moment else ""
