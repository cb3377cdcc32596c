"""Sync through a folder another engine carries: hybrid logical clocks and sealed, immutable change files."""
