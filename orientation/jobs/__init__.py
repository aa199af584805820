"""Long work off the request: a task queue (huey) whose consumer runs jobs in chunks, each
chunk committing its work and its progress together (see services and queue)."""
