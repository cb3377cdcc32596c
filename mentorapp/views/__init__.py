"""The desk: Qt widgets, dialogs and item models over the services' read models."""

from mentorapp.views.pyside_fixes import protect_booleans

# Before any view emits a signal: see pyside_fixes for the PySide6 6.12 bug this guards against.
protect_booleans()
