"""The journal as a whole, from the desk: opening and unlocking it, backups, its key, recovery, transfer,
trash, starters, preferences."""
