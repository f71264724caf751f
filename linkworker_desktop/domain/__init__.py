"""Records and rules of social prescribing: no Qt, no SQL, no I/O."""
