"""The Catalogue tab: good practices, their areas, adoptions, sheets and bundles."""
