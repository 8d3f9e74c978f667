"""Sync between laptops in the window: the Sync menu, the set-up, the panel, automatic passes."""
