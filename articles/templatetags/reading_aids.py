"""Reading aids on the article page: reading time and a table of contents, both
read from the rendered body (articles.markup), so they need no query."""

from django import template

from articles.markup import body_headings, reading_minutes

register = template.Library()

# A table of contents helps only an article with this many subheadings or more.
TOC_MIN_HEADINGS = 3


@register.simple_tag
def reading_time(article):
    """Minutes to read the article's body (0 when it has none)."""
    return reading_minutes(article.body_html)


@register.inclusion_tag("articles/includes/table_of_contents.html")
def table_of_contents(article):
    """The body's subheadings as links, each h3 under the h2 before it; only for an
    article with TOC_MIN_HEADINGS or more."""
    headings = body_headings(article.body_html)
    if len(headings) < TOC_MIN_HEADINGS:
        return {"entries": []}
    entries = []
    for heading in headings:
        if heading["level"] > 2 and entries:
            entries[-1]["children"].append(heading)
        else:
            entries.append({**heading, "children": []})
    return {"entries": entries}
