from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse


class TopicQuerySet(models.QuerySet):
    def tree(self):
        """The whole taxonomy from one query, navigable without further queries."""
        from .tree import TopicTree

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

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topics:detail", kwargs={"slug": self.slug})

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
