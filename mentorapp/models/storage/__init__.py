"""The journal file itself: the encrypted store, its migrations, and writing files atomically."""
