"""Helpers for tests that drive real processes."""
