"""The complainant's pages.  Include before Wagtail's catch-all::

    path("complaints/", include("complaints_process.urls")),

The complaint form itself is a block on a guidance page and posts to that page.
"""

from django.urls import path

from .views import intake, status

app_name = "complaints_process"

urlpatterns = [
    path("confirmation/<str:reference>/", intake.confirmation, name="confirmation"),
    path("thank-you/", intake.feedback_thanks, name="feedback_thanks"),
    path("status/", status.lookup, name="status_lookup"),
    path("status/<str:reference>/", status.status, name="status"),
    path("status/<str:reference>/escalate/", status.escalate_view, name="escalate"),
]
