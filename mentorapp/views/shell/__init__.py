"""The desk's frame: the main window, the roster, Today, search, the team watchlist, quick capture, review packets."""
