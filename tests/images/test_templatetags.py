import pytest
from django.template import Context, Template

from images.models import Image

from .builders import elements, make_image

pytestmark = pytest.mark.django_db


def render(template, **context):
    return Template("{% load images_tags %}" + template).render(Context(context))


def img_attributes(html):
    [img] = elements(html, "img")
    return img


def srcset_widths(img):
    entries = [entry.split() for entry in img["srcset"].split(", ")]
    return {url: int(width.removesuffix("w")) for url, width in entries}


def test_responsive_image_lists_the_renditions_and_keeps_the_aspect():
    image = make_image(3000, 2000, alt_text="Patches on both hands")

    img = img_attributes(render("{% responsive_image image %}", image=image))

    widths = srcset_widths(img)
    assert sorted(widths.values()) == [480, 800, 1200, 1600]
    assert dict(image.srcset()) == widths
    assert widths[img["src"]] == 800
    assert (img["width"], img["height"]) == ("800", "533")
    assert img["sizes"] == "(min-width: 60rem) 44rem, 100vw"
    assert img["alt"] == "Patches on both hands"
    assert img["loading"] == "lazy"
    assert img["decoding"] == "async"
    assert "class" not in img


def test_a_small_original_is_served_re_encoded_at_its_own_width():
    image = make_image(600, 450)

    img = img_attributes(render("{% responsive_image image %}", image=image))

    assert sorted(srcset_widths(img).values()) == [480, 600]
    assert image.file.url not in srcset_widths(img)
    assert srcset_widths(img)[img["src"]] == 600
    assert (img["width"], img["height"]) == ("600", "450")


def test_arguments_and_escaping():
    image = make_image(alt_text='A "quoted" <b>lesion</b> & more')

    html = render(
        '{% responsive_image image sizes="50vw" lazy=False css_class="lead <x>" %}',
        image=image,
    )

    assert [tag for tag in ("b", "x") if elements(html, tag)] == []
    img = img_attributes(html)
    assert img["alt"] == 'A "quoted" <b>lesion</b> & more'
    assert img["sizes"] == "50vw"
    assert img["class"] == "lead <x>"
    assert "loading" not in img


def test_nothing_is_rendered_without_an_image():
    assert render("{% responsive_image image %}", image=None).strip() == ""


def test_rendering_runs_no_query(django_assert_num_queries, superuser):
    # With an uploader, so a stray look-up of a related row would be a query.
    make_image(uploaded_by=superuser)
    make_image(600, 400, uploaded_by=superuser)
    images = list(Image.objects.all())

    with django_assert_num_queries(0):
        html = render(
            "{% for image in images %}{% responsive_image image %}{% endfor %}", images=images
        )

    assert len(elements(html, "img")) == 2
