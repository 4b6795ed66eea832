from django.contrib.sitemaps import Sitemap

from .views import drugs_with_article_counts


class DrugSitemap(Sitemap):
    def items(self):
        return drugs_with_article_counts()

    def lastmod(self, drug):
        return drug.latest_published_at

    def get_latest_lastmod(self):
        from articles.sitemaps import newest_published

        return newest_published(drugs__isnull=False)
