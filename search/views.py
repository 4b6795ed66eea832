from django.views.generic import ListView

from articles.models import Article
from portal.pagination import PaginationMixin
from topics.selectors import tree_for_request

from . import query as search_query
from .forms import NEWEST, SearchForm


class SearchView(PaginationMixin, ListView):
    """Published articles for a query and filters; never indexed by search engines."""

    http_method_names = ["get", "head"]

    template_name = "search/results.html"
    context_object_name = "articles"
    # The matches are the newest few hundred at most (search.query): counted whole,
    # and a page number that is no number (a hand-edited address) shows the first.
    capped_count = False
    lenient_page = True

    def get_queryset(self):
        self.form = form = SearchForm(self.request.GET, tree=tree_for_request(self.request))
        self.query, self.shortened = search_query.normalise(form.value("q") or "")
        if not (self.query or form.has_filters):
            return Article.objects.none()
        articles = Article.objects.published().for_listing()
        topic_ids = form.topic_ids()
        if topic_ids is not None:
            articles = articles.in_topics(topic_ids)
        if form.value("tag"):
            articles = search_query.tagged(articles, form.value("tag"))
        articles = search_query.published_between(articles, form.value("from"), form.value("to"))
        if not self.query:
            return articles.newest_first()
        return search_query.search(self.query, articles, by_date=form.value("sort") == NEWEST)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for article in context["articles"]:
            article.snippet = search_query.snippet(article, self.query)
        context.update(
            form=self.form,
            query=self.query,
            shortened=self.shortened,
            searched=bool(self.query or self.form.has_filters),
            capped=bool(self.query) and search_query.capped(context["paginator"].count),
            max_length=search_query.MAX_QUERY_LENGTH,
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response
