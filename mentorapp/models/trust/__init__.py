"""What keeps the journal private and whole: keys, the keyring, recovery, backups, the desk lock, opening."""
