import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from search.operations import PostgreSQLOnlySQL


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_news_date_range")]

    operations = [
        # pg_trgm finds misspelt words ("ruxolitnib"); a no-op on SQLite.
        TrigramExtension(),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        PostgreSQLOnlySQL(
            "CREATE INDEX articles_article_search_vector_gin "
            "ON articles_article USING gin (search_vector)",
            "DROP INDEX IF EXISTS articles_article_search_vector_gin",
        ),
    ]
