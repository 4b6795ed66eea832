"""The portal's URLs plus views that take more than reading, as the next reader
forms (subscriptions, accounts) will: declared, so POST reaches them past CSRF."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.views.generic import View

from portal.methods import allow_methods
from portal.urls import urlpatterns as portal_urlpatterns


class SubscribeView(View):
    http_method_names = ["get", "head", "post", "options"]

    def get(self, request):
        # The form's token, as {% csrf_token %} would put it in the page.
        return HttpResponse(get_token(request))

    def post(self, request):
        return HttpResponse(f"subscribed {request.POST['email']}")


@allow_methods("GET", "HEAD", "POST")
def unsubscribe(request):
    if request.method == "POST":
        return HttpResponse("unsubscribed")
    return HttpResponse(get_token(request))


def undeclared(request):
    """Declares nothing, like the admin's views: every method reaches it."""
    return HttpResponse(f"{request.method} taken")


urlpatterns = [
    *portal_urlpatterns,
    path("subscribe/", SubscribeView.as_view()),
    path("unsubscribe/", unsubscribe),
    path("undeclared/", undeclared),
]
