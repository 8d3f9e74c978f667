"""Printed documents (PDF with ReportLab): certificates, sign-in sheets, handouts.

Pure drawing from frozen dataclasses (``content``): no database here. The services that read the
database build the content and hand it over.
"""
