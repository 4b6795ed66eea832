from django import template

register = template.Library()

DEFAULT_SIZES = "(min-width: 60rem) 44rem, 100vw"
# The src for browsers that ignore srcset: the widest rendition up to this.
SRC_WIDTH = 800


@register.inclusion_tag("images/responsive_image.html")
def responsive_image(image, sizes=DEFAULT_SIZES, lazy=True, css_class=""):
    """One <img> with the image's renditions in srcset; nothing without an image.

    Uses only the loaded image's own fields: no query and no storage access,
    so a page may show many.
    """
    entries = image.srcset() if image else []
    if not entries:
        return {}
    src, width = next((entry for entry in reversed(entries) if entry[1] <= SRC_WIDTH), entries[0])
    return {
        "src": src,
        "srcset": ", ".join(f"{url} {entry_width}w" for url, entry_width in entries),
        "sizes": sizes,
        # The src's own size: the same aspect as the original, so the page
        # keeps the image's room while it loads.
        "width": width,
        "height": image.height_at(width),
        "alt": image.alt_text,
        "lazy": lazy,
        "css_class": css_class,
    }


@register.filter
def initials(name):
    """Up to two initials of a name, for a portrait placeholder: "Alex Morgan" -> "AM"."""
    letters = [word[0] for word in str(name).split() if word[:1].isalnum()]
    return "".join(letters[:1] + letters[1:][-1:]).upper()
