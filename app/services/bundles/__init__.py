"""Catalogue bundles: exchanging good practices between organisations by file.

A bundle is a ZIP (``.tejido``, ``.zip`` accepted) with a Frictionless Data Package descriptor,
the practices as JSON (``records.json``, the authoritative payload, checked against a JSON Schema),
a spreadsheet view (``practices.csv``), the attachments named by their content hash and a plain
README. ``format`` defines the file, ``export`` writes it, ``reading`` reads a (possibly hostile)
file, ``plan`` and ``apply`` import it after a dry run, ``service`` offers it all to the program.
"""
