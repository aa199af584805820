"""Course packages: reading them from courses/, checking them, loading them, rendering lessons."""
