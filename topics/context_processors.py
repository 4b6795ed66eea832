from django.utils.functional import SimpleLazyObject

from .selectors import tree_for_request


def navigation(request):
    """The topic tree for the header and footer, and the order of the header's one-line
    topic bar: featured top-level topics first (editors pick them), then the others in
    tree order. All of it comes from the one tree query, and only if a page uses it:
    pages that never show the navigation (admin, feeds) run no query."""
    tree = SimpleLazyObject(lambda: tree_for_request(request))
    return {
        "topic_tree": tree,
        "nav_featured_roots": SimpleLazyObject(lambda: [t for t in tree.roots if t.featured]),
        "nav_other_roots": SimpleLazyObject(lambda: [t for t in tree.roots if not t.featured]),
    }
