"""The PySide6 desktop front end: the only layer that imports Qt widgets."""
