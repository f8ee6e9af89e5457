"""What ``manage.py setup_demo`` builds, declared once for the tests that walk it: the
site tests check the demo has exactly these pages, the browser tests open every one.

Ordered as the home page lists them: the five seed authorities, then the three fictional
example councils.
"""

SEED_SLUGS = ["council-a", "family-advice", "council-b", "hampshire", "walsall"]
EXAMPLE_SLUGS = ["kinloch", "cwm-aur", "ashby-vale"]
ALL_SLUGS = SEED_SLUGS + EXAMPLE_SLUGS
# Every guidance page the demo builds, by its path, with its authority and procedure: one per
# seed authority, about its children's statutory procedure; one per procedure of each example
# council.
PAGES = {
    **{f"/{slug}/childrens-social-care-complaints/": (slug, "childrens-statutory") for slug in SEED_SLUGS},
    "/kinloch/social-work-complaints/": ("kinloch", "social-work"),
    "/cwm-aur/social-services-complaints/": ("cwm-aur", "social-services"),
    "/ashby-vale/childrens-social-care-complaints/": ("ashby-vale", "childrens-statutory"),
    "/ashby-vale/adult-social-care-complaints/": ("ashby-vale", "adult-social-care"),
}
# The pages the demo also publishes in Welsh (Wagtail translations, Locale "cy"), by their path:
# the Welsh example council's.
WELSH_PAGES = {"/cy/cwm-aur/social-services-complaints/": ("cwm-aur", "social-services")}


def page_url(slug: str) -> str:
    """The path of a seed authority's guidance page."""
    return f"/{slug}/childrens-social-care-complaints/"


def guidance_page(slug: str):
    from complaints_process.models import GuidancePage

    return GuidancePage.objects.get(authority__slug=slug)


def block_id(page, block_type: str) -> str:
    return next(child.id for child in page.body if child.block_type == block_type)
