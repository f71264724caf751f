"""The organisation's sync server; its dependencies are the optional ``hub`` extra."""
