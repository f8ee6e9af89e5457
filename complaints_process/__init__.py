"""complaints_process: a Wagtail plugin that publishes a council's children's social care
complaints guidance and runs the statutory complaints procedure behind it, from one
process configuration per authority.

Layers (each depends only on the ones before it):

- ``core``: pure Python, no Django: working-day calendar, durations, config schema and
  loader, clock engine.
- ``models`` and ``services``: authorities, config versions, pages; one service function
  per action.  ``permission_policies``: who may see and do what, one policy per model,
  asked by the services, the state machine and every surface.
- surfaces: management commands, Wagtail pages, admin (one ``ViewSet`` per area,
  ``viewsets``), API.
"""
