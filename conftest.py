import os

# Tests run with DEBUG off, like production; settings insist on a key then.
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
