"""The provider-neutral plumbing the sandboxes share: the threaded server, the handler base,
the clock, control-input reading, the fault plan and the command-line runner."""
