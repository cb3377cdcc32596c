"""The desk: Qt widgets, dialogs and item models over the services' read models."""
