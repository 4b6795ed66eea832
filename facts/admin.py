from articles.admin import add_article_view

from . import views

# "Suggest facts" for one article, in the newsroom beside its change page.
add_article_view("<int:pk>/suggest-facts/", views.suggest, "suggest_facts", label="Suggest facts")
