import pytest
from django.db import connection

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="search vectors, ranking and trigram matching exist only on PostgreSQL",
)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block's on-commit work (the search index refresh) as a real commit would.

    Tests run inside a transaction that is never committed; ``with committed():``
    around the writes runs their commit callbacks at the end of the block.
    """

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block
