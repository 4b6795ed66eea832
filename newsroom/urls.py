from django.urls import path

from .models import PolicyPage
from .views import PolicyPageView

app_name = "pages"

# /about/, /editorial-policy/ and the rest, each named by its slug (pages:about);
# the footer links them by name, so rendering it costs no query.
urlpatterns = [
    path(f"{slug}/", PolicyPageView.as_view(), {"slug": slug}, name=slug)
    for slug in PolicyPage.FOOTER_PAGES
] + [
    path("pages/<slug:slug>/", PolicyPageView.as_view(), name="detail"),
]
