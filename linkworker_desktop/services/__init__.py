"""Use cases the desktop UI and the command line both call."""
