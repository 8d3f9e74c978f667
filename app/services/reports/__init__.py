"""Reports for funders: the indicators of a period (ESF+, EEA and Norway Grants civil-society
indicators as the reference), small counts hidden on demand, the JSON form, and the records
behind every figure.

- :mod:`period` — ``Period(start, end)``, ``Period.year(y)``, ``Period.quarter(y, q)``;
- :mod:`values` — the ``Report`` dataclasses, ``suppress`` and ``report_json``;
- :mod:`sql` — the definitions, as SQL shared by the counts and the records;
- :mod:`indicators` — ``build_report(db, period, suppress_below=0)``;
- :mod:`records` — ``figure_records(db, period, key)``;
- :mod:`service` — ``ReportService`` (``services.reports``).

Every definition is documented in docs/report-format.md.
"""
