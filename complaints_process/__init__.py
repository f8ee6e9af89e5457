"""complaints_process: a Wagtail plugin that publishes a council's children's social care
complaints guidance and runs the statutory complaints procedure behind it, from one
process configuration per authority.

Layers (each depends only on the ones before it; ``tests/test_architecture.py`` reads the
import graph and holds to them):

- ``core``: pure Python, no Django and nothing else of the package: working-day calendar,
  durations, clock stops, the clock engine and its replay, comparing two replays, follow-up
  rules (learning actions, remedies), wording, config schema, loader and export.
- domain: ``models`` (authorities, config versions, the guidance page, complaints,
  deadlines, case records, the personal-data declaration) and the modules beside them:
  ``actions`` (the action registry), ``clocks`` (deadlines from the pinned config),
  ``permission_policies`` (who may see and do what, one policy per
  model, asked by the services, the state machine and every surface), ``signals``, ``exceptions``, ``attachments``, ``status_tokens``,
  ``idempotency``, ``dates``.  Models import no service, selector or surface.
- ``services``: the only writers of case state, one function per action, taking
  keyword-only plain values (never a form or a request); ``services/cases/`` is the case
  lifecycle.  Services import no view, admin module, API or report.
- ``selectors``: reads several surfaces need (the case list, the case page, a draft's
  simulation): plain values in, querysets or plain data out.
- ``work``: the Django-Q2 deadline sweep, the outbox sender, retention and the schedule,
  calling the same services.
- surfaces: ``blocks``, ``forms``, ``views``, ``templates``, ``templatetags``, the admin
  (one ``ViewSet`` per area in ``viewsets``, ``modeladmin`` for the case list inside it,
  ``wagtail_hooks``, ``admin_views``, ``panels``), ``api``, ``reports`` and
  ``management`` commands: they validate input, call a service or a selector, render.
"""
