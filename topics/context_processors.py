from django.utils.functional import SimpleLazyObject

from .tree import tree_for_request


def navigation(request):
    # Lazy: pages that never show the navigation (admin, feeds) run no query.
    return {"topic_tree": SimpleLazyObject(lambda: tree_for_request(request))}
