"""Certificates use the `complete` fixture of tests/conftest.py."""
