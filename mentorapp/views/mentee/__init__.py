"""One mentee's page: its header and details, and one module per tab holding its section, dialogs and item model."""
