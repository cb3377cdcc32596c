"""What keeps the desk running: background work, the change adapter, the GUI-thread collector, one instance,
the watcher."""
