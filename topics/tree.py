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
        """(top-level topic, [its subtopics in tree order]) pairs for the index."""
        return [(root, self._flatten(self.children(root))) for root in self.roots]

    def _flatten(self, topics, depth=1):
        flat = []
        for topic in topics:
            topic.depth = depth
            flat.append(topic)
            flat.extend(self._flatten(self.children(topic), depth + 1))
        return flat
