"""Views.  The complainant's pages: the form block's submission and the confirmation
(``intake``), the status page with its escalate button (``status``), routed by
``complaints_process.urls``.  The ``admin_*`` modules are the admin's case screens."""
