from django.db import migrations


def render_bodies(apps, schema_editor):
    """Render the policy pages again, for the same reason as articles 0011: no id
    from the body's own HTML may stay on a page."""
    from articles.markup import render_body

    PolicyPage = apps.get_model("newsroom", "PolicyPage")
    for page in PolicyPage.objects.only("body", "body_html"):
        rendered = render_body(page.body)
        if rendered != page.body_html:
            PolicyPage.objects.filter(pk=page.pk).update(body_html=rendered)


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0007_policy_page_permissions")]

    operations = [migrations.RunPython(render_bodies, migrations.RunPython.noop)]
