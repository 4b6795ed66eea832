from django.urls import path, re_path

from . import exports, views

app_name = "articles"

urlpatterns = [
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    # The reference list for reference managers: one writer per format.
    path(
        "articles/<slug:slug>/references.ris",
        exports.ReferenceExportView.as_view(format="ris"),
        name="references_ris",
    ),
    path(
        "articles/<slug:slug>/references.bib",
        exports.ReferenceExportView.as_view(format="bibtex"),
        name="references_bibtex",
    ),
    path(
        "articles/<slug:slug>/references.json",
        exports.ReferenceExportView.as_view(format="csl"),
        name="references_csl",
    ),
    # By id, not slug: a draft's address may still change, and staff share this link.
    path("preview/articles/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("authors/", views.AuthorIndexView.as_view(), name="authors"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author"),
    path("tags/", views.TagIndexView.as_view(), name="tags"),
    # taggit keeps letters beyond ASCII in tag slugs ("α-MSH" -> "α-msh"): any word
    # character, where <slug:> would allow only ASCII and fail to build the link.
    re_path(r"^tags/(?P<slug>[-\w]+)/$", views.TagDetailView.as_view(), name="tag"),
]

# The topic pages, under the "topics" namespace (portal/urls.py): lists of articles,
# so their views live here beside the tag and author pages, and the taxonomy app
# (topics/) knows nothing of articles.
topic_patterns = [
    path("", views.TopicIndexView.as_view(), name="index"),
    path("<slug:slug>/", views.TopicDetailView.as_view(), name="detail"),
]
