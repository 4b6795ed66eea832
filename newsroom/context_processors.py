from django.utils.functional import SimpleLazyObject

from .models import SiteSettings


def site_settings(request):
    return {"site": SimpleLazyObject(SiteSettings.load)}
