"""The pure domain core: shops, tokens, orders. Imports nothing of ours and no I/O library."""
