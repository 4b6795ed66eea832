"""An app the portal does not have: tests/pagecache/test_coverage.py installs it in
a registry of its own to show that a new app's models are covered without anyone
naming them."""
