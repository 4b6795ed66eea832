from django.urls import path, re_path

from . import feeds

# Each feed in RSS 2.0 and, at .../atom/, in Atom. Tag slugs may hold letters
# beyond ASCII, as on the tag page.
app_name = "feeds"

urlpatterns = [
    path("feed/", feeds.LatestArticlesFeed(), name="latest"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="latest_atom"),
    path("topics/<slug:slug>/feed/", feeds.TopicFeed(), name="topic"),
    path("topics/<slug:slug>/feed/atom/", feeds.TopicAtomFeed(), name="topic_atom"),
    re_path(r"^tags/(?P<slug>[-\w]+)/feed/$", feeds.TagFeed(), name="tag"),
    re_path(r"^tags/(?P<slug>[-\w]+)/feed/atom/$", feeds.TagAtomFeed(), name="tag_atom"),
    path("authors/<slug:slug>/feed/", feeds.AuthorFeed(), name="author"),
    path("authors/<slug:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="author_atom"),
    path("drugs/<slug:slug>/feed/", feeds.DrugFeed(), name="drug"),
    path("drugs/<slug:slug>/feed/atom/", feeds.DrugAtomFeed(), name="drug_atom"),
]
