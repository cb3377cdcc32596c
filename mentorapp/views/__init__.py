"""The desk: Qt widgets, dialogs and item models over the services' read models."""

from mentorapp.views.pyside_fixes import protect_singletons

# Before any view calls into Qt: see pyside_fixes for the PySide6 6.12.0 bugs this guards against.
protect_singletons()
