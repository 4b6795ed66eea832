"""An image uploaded in the admin (its own page or the article form's popup) is
logged with who uploaded it and when."""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from images.models import Image
from tests.builders import make_editor

from .builders import image_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("popup", [False, True])
def test_an_upload_is_logged_with_the_uploader(client, popup):
    editor = make_editor()
    client.force_login(editor)
    url = reverse("admin:images_image_add") + ("?_to_field=id&_popup=1" if popup else "")
    data = {
        "file": SimpleUploadedFile("hands.jpg", image_bytes(900, 600), "image/jpeg"),
        "alt_text": "Depigmented patches on both hands",
        "credit": "Peakstock/Adobe Stock",
        "kind": "stock",
        **({"_popup": "1"} if popup else {}),
    }

    response = client.post(url, data)

    assert response.status_code in (200, 302)
    image = Image.objects.get()
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Image), object_id=str(image.pk)
    )
    assert (entry.user, entry.action_flag) == (editor, ADDITION)
    assert entry.object_repr == str(image)
