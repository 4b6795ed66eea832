from .models import Topic


def tree_for_request(request):
    """The request's topic tree, built once and shared by views and the navigation."""
    tree = getattr(request, "_topic_tree", None)
    if tree is None:
        tree = request._topic_tree = Topic.objects.tree()
    return tree
