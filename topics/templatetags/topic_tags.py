import random

from django import template

register = template.Library()

# The placeholder's drawing box: 3:2, the shape every card image is cropped to.
WIDTH, HEIGHT = 300, 200


def _pattern(seed):
    """Rings around a cell and a scatter of cells, placed by the seed: the same
    article always gets the same picture, neighbouring articles different ones."""
    rng = random.Random(seed)
    cx, cy = rng.randint(70, 230), rng.randint(50, 150)
    base, step = rng.randint(10, 22), rng.randint(14, 22)
    rings = [
        {
            "r": base + step * n,
            "width": round(rng.uniform(1.2, 3.2), 1),
            "opacity": round(0.5 - n * 0.06, 2),
        }
        for n in range(rng.randint(5, 7))
    ]
    cells = [
        {
            "cx": rng.randint(0, WIDTH),
            "cy": rng.randint(0, HEIGHT),
            "r": rng.randint(5, 28),
            "opacity": round(rng.uniform(0.06, 0.16), 2),
        }
        for _ in range(rng.randint(5, 9))
    ]
    return {
        "cx": cx,
        "cy": cy,
        "nucleus": max(base - 4, 4),
        "rings": rings,
        "cells": cells,
        "spacing": rng.choice([10, 12, 14]),
        "angle": rng.choice([0, 30, 45, 60]),
    }


@register.inclusion_tag("includes/image_placeholder.html")
def image_placeholder(article, placement="card", css_class="card__image"):
    """A decorative SVG in the colour of the article's topic, for an article without
    a lead image: no request, no query (the card's article has its primary topic).

    Its ids start with the placement and the article's id, so many placeholders
    (even of one article, in different places) can share a page.
    """
    topic = article.primary_topic
    return {
        "colour": topic.accent_colour,
        "prefix": f"ph-{placement}-{article.pk}",
        "width": WIDTH,
        "height": HEIGHT,
        "css_class": css_class,
        **_pattern(article.pk),
    }


@register.inclusion_tag("includes/image_placeholder.html")
def topic_banner(topic, css_class="topic-banner"):
    """The same kind of picture for a topic itself (topic index, topic page header)."""
    return {
        "colour": topic.accent_colour,
        "prefix": f"ph-topic-{topic.pk}",
        "width": WIDTH,
        "height": HEIGHT,
        "css_class": css_class,
        **_pattern(topic.slug),
    }
