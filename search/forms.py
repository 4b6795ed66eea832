from django import forms

RELEVANCE, NEWEST = "relevance", "date"


class SearchForm(forms.Form):
    """The reader's query and filters, read from the address (GET).

    Nothing here can fail the page: a value that does not validate is left out
    of the search and named in ``ignored``.
    """

    q = forms.CharField(label="Search for", required=False)
    topic = forms.ChoiceField(label="Topic", required=False)
    tag = forms.CharField(label="Tag", required=False, max_length=100)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[(RELEVANCE, "Relevance"), (NEWEST, "Newest first")],
    )

    def __init__(self, data, *, tree):
        super().__init__(data)
        self.tree = tree
        self.fields["topic"].choices = [("", "All topics")] + [
            (entry.slug, f"{'– ' * entry.depth}{entry.name}")
            for root, subtopics in tree.grouped()
            for entry in [root, *subtopics]
        ]
        # "from" and "to" are keywords in Python, hence no class attributes.
        date_input = forms.DateInput(attrs={"type": "date"})
        self.fields["from"] = forms.DateField(label="From", required=False, widget=date_input)
        self.fields["to"] = forms.DateField(label="To", required=False, widget=date_input)
        self.is_valid()

    @property
    def ignored(self):
        """The labels of the filters whose values were not understood."""
        return [self.fields[name].label for name in self.errors]

    def value(self, name):
        return self.cleaned_data.get(name) or None

    def topic_ids(self):
        slug = self.value("topic")
        topic = self.tree.by_slug(slug) if slug else None
        return self.tree.descendant_ids(topic) if topic is not None else None

    @property
    def has_filters(self):
        return any(self.value(name) for name in ("topic", "tag", "from", "to"))
