"""What a page tells search engines and link previews: its canonical address,
Open Graph and Twitter card tags, and schema.org JSON-LD.

The JSON-LD is built as data in syndication.structured_data and serialised only by
json_ld() below.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from portal.addresses import canonical
from syndication import structured_data

register = template.Library()

# In a <script> element only "</script" (and "<!--", which changes how the
# parser looks for it) can end the data early; escaping <, > and & as JSON
# unicode escapes rules out both and keeps the JSON equal. The same escaping
# as django.utils.html.json_script, which fixes the script type to
# application/json.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter(is_safe=True)
def json_ld(data):
    """One <script type="application/ld+json"> element per object (a dict, or a
    list of dicts each becoming its own element)."""
    objects = data if isinstance(data, list | tuple) else [data]
    return format_html_join(
        "\n",
        '<script type="application/ld+json">{}</script>',
        (
            # Safe for the script context after the escaping above: no markup
            # can appear, and the browser never runs this type.
            (mark_safe(json.dumps(item, cls=DjangoJSONEncoder).translate(_SCRIPT_ESCAPES)),)
            for item in objects
        ),
    )


@register.simple_tag(takes_context=True)
def canonical_link(context, path, page=None):
    return format_html(
        '<link rel="canonical" href="{}">', canonical(context["request"], path, page)
    )


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context, title, description, path, page=None, image=None, article=None):
    """Open Graph and Twitter card tags; an article's add its dates, section and tags."""
    request = context["request"]
    meta = {
        "type": "article" if article is not None else "website",
        "title": title,
        "description": description,
        "url": canonical(request, path, page),
        "site_name": context["site"].site_name,
        "image": None,
        "article": article,
    }
    rendition = structured_data.lead_image_rendition(image)
    if rendition is not None:
        url, width, height = rendition
        meta["image"] = {
            "url": request.build_absolute_uri(url),
            "width": width,
            "height": height,
            "alt": image.alt_text,
        }
    if article is not None:
        meta["modified_time"] = article.last_updated_at or article.published_at
    return {"meta": meta}


@register.simple_tag(takes_context=True)
def article_json_ld(context, article, trail):
    return json_ld(
        structured_data.article_page(context["request"], article, trail, context["site"])
    )


@register.simple_tag(takes_context=True)
def topic_json_ld(context, topic, trail, articles, page=None):
    request = context["request"]
    url = canonical(request, topic.get_absolute_url(), page)
    first = page.start_index() if page is not None else 1
    data = structured_data.topic_page(
        request, topic, trail, articles, context["site"], url=url, first_position=first
    )
    return json_ld(data)


@register.simple_tag(takes_context=True)
def home_json_ld(context):
    return json_ld(structured_data.home_page(context["request"], context["site"]))
