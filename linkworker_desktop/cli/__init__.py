"""The ``linkworker`` command: administration and scripting over the same services as the UI."""
