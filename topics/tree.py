from django.http import Http404


class TopicEntry:
    """A topic's place in a listing (its depth, and whatever the view adds, such as
    a count), kept off the shared Topic objects so no view changes the tree."""

    def __init__(self, topic, depth=0):
        self.topic = topic
        self.depth = depth

    def __getattr__(self, name):
        return getattr(self.topic, name)

    def __eq__(self, other):
        return self.topic == getattr(other, "topic", other)

    def __hash__(self):
        return hash(self.topic)


class TopicTree:
    """The taxonomy held in memory for one request.

    Topics are few (dozens, not thousands), so one query for all of them
    answers navigation, breadcrumbs, subtopics and descendant lookups without
    a query per level.
    """

    def __init__(self, topics):
        self.topics = list(topics)
        self.by_id = {topic.pk: topic for topic in self.topics}
        self._children = {}
        for topic in self.topics:
            self._children.setdefault(topic.parent_id, []).append(topic)

    def __iter__(self):
        return iter(self.topics)

    def __len__(self):
        return len(self.topics)

    @property
    def roots(self):
        return self.children(None)

    def by_slug(self, slug):
        """The topic with this slug, or None."""
        return next((topic for topic in self.topics if topic.slug == slug), None)

    def by_slug_or_404(self, slug):
        """The topic with this slug; Http404 for a slug no topic has (pages, feeds)."""
        topic = self.by_slug(slug)
        if topic is None:
            raise Http404("No such topic.")
        return topic

    def children(self, topic):
        key = topic.pk if topic is not None else None
        return self._children.get(key, [])

    def ancestors(self, topic):
        """From the top-level topic down to the topic's parent."""
        path = []
        seen = {topic.pk}
        parent = self.by_id.get(topic.parent_id)
        while parent is not None and parent.pk not in seen:
            path.append(parent)
            seen.add(parent.pk)
            parent = self.by_id.get(parent.parent_id)
        return list(reversed(path))

    def descendant_ids(self, topic):
        """The topic's id and the ids of every topic below it."""
        ids = []
        stack = [topic]
        while stack:
            current = stack.pop()
            if current.pk in ids:
                continue
            ids.append(current.pk)
            stack.extend(self.children(current))
        return ids

    def grouped(self):
        """(top-level topic, [its subtopics in tree order]) pairs for the index, each
        a TopicEntry that knows its depth."""
        return [(TopicEntry(root), self._flatten(self.children(root))) for root in self.roots]

    def _flatten(self, topics, depth=1):
        flat = []
        for topic in topics:
            flat.append(TopicEntry(topic, depth))
            flat.extend(self._flatten(self.children(topic), depth + 1))
        return flat
