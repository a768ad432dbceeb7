"""Workbooks of the banks and pairs as the curator downloads them."""
