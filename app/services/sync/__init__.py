"""Sync between laptops through a shared folder (the design is in ``docs/sync.md``)."""
