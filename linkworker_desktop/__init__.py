"""Linkworker Desktop: an offline-first, encrypted caseload for social prescribing link workers."""

__version__ = "0.1.0"
APP_NAME = "Linkworker Desktop"
APP_ID = "linkworker-desktop"
