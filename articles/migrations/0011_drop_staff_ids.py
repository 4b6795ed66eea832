from django.db import migrations


def render_bodies(apps, schema_editor):
    """Render every stored body again, so that ids a body's own HTML brought
    (id="ref-2", id="main") leave the pages they could hijack anchors on, and
    a link stored before the sanitiser's scheme list existed is dropped.
    body_html is derived data: no revision or signal is needed."""
    from articles.markup import render_body

    Article = apps.get_model("articles", "Article")
    for pk, body, body_html in Article.objects.values_list("pk", "body", "body_html").iterator():
        rendered = render_body(body)
        if rendered != body_html:
            Article.objects.filter(pk=pk).update(body_html=rendered)


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_query_indexes")]

    operations = [migrations.RunPython(render_bodies, migrations.RunPython.noop)]
