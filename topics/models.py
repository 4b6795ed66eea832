import zlib

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

from .tree import TopicTree

# Calm, distinct hues that read as medical rather than promotional; each carries
# white pattern lines and sits well on light and dark pages. A topic without a
# colour of its own gets one of these, always the same one for the same slug.
PALETTE = [
    "#0b5f6b",  # deep teal
    "#2f6f9f",  # steel blue
    "#5b5ea6",  # indigo
    "#7a4f8c",  # plum
    "#a34e6c",  # berry
    "#a5573a",  # terracotta
    "#8c6b2f",  # bronze
    "#4f7a3a",  # moss
    "#2e7d6b",  # sea green
    "#46627f",  # slate
]

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", "Enter a colour as # and six hexadecimal digits, e.g. #0b5f6b."
)


def palette_colour(key):
    """A palette colour chosen by a stable hash of key (not hash(): it changes per process)."""
    return PALETTE[zlib.crc32(str(key).encode()) % len(PALETTE)]


class TopicQuerySet(models.QuerySet):
    def tree(self):
        """The whole taxonomy from one query, navigable without further queries."""
        return TopicTree(self.select_related(None).order_by("order", "name"))


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="Part of the topic's address, e.g. /topics/atopic-dermatitis/.",
    )
    description = models.TextField(
        blank=True,
        help_text="One or two sentences shown at the top of the topic page.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Leave empty for a top-level topic, e.g. Pigmentary Disorders.",
    )
    order = models.PositiveIntegerField(
        default=0,
        help_text="Position in the navigation and topic index; lower comes first.",
    )
    featured = models.BooleanField(
        default=False,
        help_text="Show a section with this topic's latest articles on the home page.",
    )

    colour = models.CharField(
        max_length=7,
        blank=True,
        validators=[hex_colour],
        help_text=(
            "Colour of the pattern shown on this topic's articles that have no photo, "
            "e.g. #0b5f6b. Leave empty for a colour picked from the house palette."
        ),
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topics:detail", kwargs={"slug": self.slug})

    @property
    def accent_colour(self):
        """The topic's own colour, or the palette's colour for its slug."""
        return self.colour.lower() if self.colour else palette_colour(self.slug)

    def clean(self):
        # Walk up from the chosen parent: meeting this topic means a cycle. Stop at
        # a topic seen before, so a loop already in the data cannot hang the walk.
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": "A topic cannot sit under itself or one of its subtopics."}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
