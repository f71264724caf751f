"""Qt dialogs of the desktop front end."""
