from django import template
from django.utils import dateformat
from django.utils.html import format_html, format_html_join

register = template.Library()


def _sentence(text):
    """AMA elements end with a period unless they already end in punctuation."""
    text = text.strip()
    return text if text[-1:] in {".", "?", "!"} else f"{text}."


@register.simple_tag
def ama_citation(reference):
    """A reference in AMA style from its structured fields, with DOI and URL as links.

    Falls back to the verbatim citation text when the fields were never filled.
    """
    if not reference.title:
        parts = [format_html("{}", reference.citation)]
    else:
        parts = []
        if reference.authors:
            parts.append(format_html("{}", _sentence(reference.authors)))
        parts.append(format_html("{}", _sentence(reference.title)))
        if reference.source:
            if reference.kind == reference.Kind.JOURNAL:
                parts.append(format_html("<i>{}</i>.", reference.source.rstrip(".")))
            elif reference.kind == reference.Kind.BOOK and reference.year:
                # AMA: "Publisher; year:pages." as format_ama writes it.
                locator = (
                    f"{reference.year}:{reference.pages}" if reference.pages else reference.year
                )
                parts.append(format_html("{}; {}.", reference.source.rstrip("."), locator))
            else:
                parts.append(format_html("{}", _sentence(reference.source)))
        if reference.year and reference.kind in {reference.Kind.WEB, reference.Kind.OTHER}:
            # A bare year after a site name reads as part of the name.
            parts.append(format_html("Published {}.", reference.year))
        elif reference.year and not (reference.kind == reference.Kind.BOOK and reference.source):
            locator = str(reference.year)
            if reference.volume:
                locator += f";{reference.volume}"
                if reference.issue:
                    locator += f"({reference.issue})"
            if reference.pages:
                locator += f":{reference.pages}"
            parts.append(format_html("{}.", locator))
        if reference.accessed_on:
            accessed = dateformat.format(reference.accessed_on, "F j, Y")
            parts.append(format_html("Accessed {}.", accessed))
    links = []
    if reference.doi:
        links.append(format_html('doi:<a href="{}">{}</a>', reference.doi_url, reference.doi))
    if reference.pmid:
        links.append(format_html('PMID: <a href="{}">{}</a>', reference.pubmed_url, reference.pmid))
    if reference.url:
        links.append(format_html('<a href="{}">{}</a>', reference.url, reference.url))
    if reference.title or not reference.citation:
        parts.extend(links)
    elif links:
        # The verbatim text already names them; add them once more as links.
        parts.append(
            format_html(
                '<span class="reference-links">{}</span>',
                format_html_join(" ", "{}", ((link,) for link in links)),
            )
        )
    return format_html_join(" ", "{}", ((part,) for part in parts))
