"""Annual complaints reports (Regulation 13 of the 2006 Regulations; LGSCO Complaint Handling Code).

* ``period``: financial years, pure Python.
* ``figures``: the computation over plain rows, and small-number suppression, pure Python.
* ``queries``: the rows of an authority's cases, in a fixed number of queries.
* ``report``: ``build_report``, the one entry point of every surface.
* ``csv_export``: one row per case, no personal data.
* ``views``: the admin pages (registered in ``wagtail_hooks``).

See docs/reports.md.
"""
