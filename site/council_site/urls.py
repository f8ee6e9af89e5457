from django.conf import settings
from django.contrib import admin as django_admin
from django.templatetags.static import static
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from complaints_process.api.wagtail_pages import pages_api

FAVICON = "complaints_process/govuk/assets/images/favicon.ico"

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page says: the GOV.UK one, not a 404.
    path("favicon.ico", RedirectView.as_view(url=static(FAVICON), permanent=True)),
    path("django-admin/", django_admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/complaints/v1/", include("complaints_process.api.urls")),
    path("api/v2/", pages_api.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The public side in the page's language: English without a prefix (/council-a/...), Welsh
# under /cy/ (/cy/cwm-aur/..., /cy/complaints/status/...); the complainant's pages keep the
# language of the guidance page they came from, as their links are reversed under it.
# Wagtail's page serving last: it catches every remaining path.
urlpatterns += i18n_patterns(
    path("complaints/", include("complaints_process.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
