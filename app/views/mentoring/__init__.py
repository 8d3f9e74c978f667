"""The Mentoring tab: its pages, lists and forms."""
