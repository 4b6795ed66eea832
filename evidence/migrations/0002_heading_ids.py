from django.db import migrations


def render_bodies(apps, schema_editor):
    """Render every stored body again, so that existing articles get the heading ids
    (id="section-...") their table of contents links to. body_html is derived data:
    nothing but the rendering changes, so no revision or signal is needed."""
    from articles.markup import render_body

    Article = apps.get_model("articles", "Article")
    for pk, body, body_html in Article.objects.values_list("pk", "body", "body_html").iterator():
        rendered = render_body(body)
        if rendered != body_html:
            Article.objects.filter(pk=pk).update(body_html=rendered)


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0001_initial"),
        ("articles", "0009_clinical_fields"),
    ]

    operations = [migrations.RunPython(render_bodies, migrations.RunPython.noop)]
