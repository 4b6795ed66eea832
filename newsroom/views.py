from django.shortcuts import redirect
from django.views.generic import DetailView

from .models import PolicyPage


class PolicyPageView(DetailView):
    """A policy page; the footer's six at their short addresses, others under /pages/."""

    http_method_names = ["get", "head"]

    model = PolicyPage
    template_name = "newsroom/policy_page.html"
    context_object_name = "page"

    def get(self, request, *args, **kwargs):
        # /pages/about/ is /about/: one address per page.
        footer_page = kwargs["slug"] in PolicyPage.FOOTER_PAGES
        if request.resolver_match.url_name == "detail" and footer_page:
            return redirect(f"pages:{kwargs['slug']}", permanent=True)
        return super().get(request, *args, **kwargs)
