"""The reports pages in the URL × role matrix (tests/test_url_permissions.py)."""

CASES = []
