"""Qt views of the desktop front end."""
