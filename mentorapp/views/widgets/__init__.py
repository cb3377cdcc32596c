"""Controls every part of the desk shares: choice boxes, date fields, the theme, record tables and dialogs,
conversations."""
