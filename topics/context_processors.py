from django.utils.functional import SimpleLazyObject

from .models import Topic


def topic_tree(request):
    """The request's topic tree, built once and shared by views and the navigation."""
    tree = getattr(request, "_topic_tree", None)
    if tree is None:
        tree = request._topic_tree = Topic.objects.tree()
    return tree


def navigation(request):
    # Lazy: pages that never show the navigation (admin, feeds) run no query.
    return {"topic_tree": SimpleLazyObject(lambda: topic_tree(request))}
