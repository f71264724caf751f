"""Exchange of the outbox with the organisation's hub (push/pull)."""
