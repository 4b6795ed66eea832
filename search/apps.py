from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from . import indexing

        # Every write of an article or its parts refreshes its search vector.
        indexing.connect()
