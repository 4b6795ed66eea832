from django import template
from django.utils import timezone

from portal.addresses import canonical, web_address
from references.formats import ama_html, article_record, citation_record

register = template.Library()


@register.simple_tag
def ama_citation(reference):
    """A reference in AMA style from its structured fields, with DOI, PMID and URL as
    links; the verbatim citation text when the fields were never filled."""
    return ama_html(citation_record(reference))


@register.simple_tag(takes_context=True)
def article_citation(context, article):
    """The article itself in AMA style, accessed today (in the site's time zone)."""
    record = article_record(
        article,
        url=canonical(context["request"], article.get_absolute_url()),
        site_name=context["site"].site_name,
        accessed=timezone.localdate(),
    )
    return ama_html(record)


@register.filter
def flagged(references):
    """The references whose paper was retracted, corrected or put under an
    expression of concern (from the prefetched list: no query)."""
    return [reference for reference in references if reference.notice]


@register.filter
def web_link(url):
    """The address for an href: only http(s); anything else (a javascript: URL
    stored before the form checked it) gives "" and the template shows no link."""
    return web_address(url)
