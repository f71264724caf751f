"""The patient record's parts: its data, header and tabs."""
