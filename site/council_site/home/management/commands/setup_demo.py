"""Set up the demo: migrate, load every process config, build the pages, groups and a login.

Safe to run again: it reuses what exists (pages, groups, the admin user) and loses nothing; a
process published in the admin since is kept (and reported), not replaced by its file.
"""

import secrets
import stat
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Page, Site

from complaints_process.conf import configs_dir
from complaints_process.core.config import ConfigInvalid
from complaints_process.models import Authority, GuidancePage
from complaints_process.services.configs import load_config_files
from complaints_process.services.teams import grant_editor_pages
from council_site.home.demo_content import AUTHORITIES, HOME_CY, SEED_REASON, guidance_pages
from council_site.home.models import HomePage, SectionPage

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = "Migrate, load the process configs and build the demo site for the seed authorities and the example councils."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database migrated.")
        self.load_configs()
        with transaction.atomic():
            home = self.ensure_home_page()
            for slug, content in AUTHORITIES.items():
                self.ensure_authority_pages(home, slug, content)
                if "cy" in content:
                    self.ensure_welsh_pages(home, slug, content["cy"])
        password = self.ensure_admin()
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
        self.stdout.write(self.style.SUCCESS("Demo ready."))
        self.stdout.write(f"  Site:     {base}/")
        for slug, content in AUTHORITIES.items():
            for page in guidance_pages(content):
                self.stdout.write(f"            {base}/{slug}/{page['slug']}/")
                if page["slug"] in content.get("cy", {}).get("pages", {}):
                    self.stdout.write(f"            {base}/cy/{slug}/{page['slug']}/ (Cymraeg)")
        self.stdout.write(f"  Admin:    {base}/admin/")
        self.stdout.write(f"  Username: {ADMIN_USERNAME}")
        self.stdout.write(f"  Password: {password}")

    def load_configs(self):
        root = configs_dir()
        files = sorted(root.glob("*.yaml"))
        try:
            # A process edited in the admin is kept, never replaced by its file (and never a stop).
            results = load_config_files(files, configs_root=root, keep_admin=True, reason=SEED_REASON)
        except ConfigInvalid as invalid:
            raise CommandError("process configs are invalid:\n" + "\n".join(str(e) for e in invalid.errors))
        except ValueError as problem:
            raise CommandError(f"process configs were not loaded: {problem}")
        for result in results:
            line = f"Config {result.describe()}"
            self.stdout.write(self.style.WARNING(line) if result.kept_admin else line)

    def ensure_home_page(self) -> HomePage:
        home = HomePage.objects.filter(locale=Locale.get_default()).first()  # not its Welsh translation
        if home is not None:
            return home
        site = Site.objects.filter(is_default_site=True).first()
        placeholder = site.root_page.specific if site else None
        # Wagtail's own "Welcome" page (a bare Page with no children) is replaced; any other
        # root page is kept and the home page is added beside it.
        if placeholder is not None and type(placeholder) is Page and not placeholder.get_children().exists():
            placeholder.delete()  # also deletes the Site pointing at it; recreated below
        root = Page.get_first_root_node()
        slug = "home" if not root.get_children().filter(slug="home").exists() else "complaints-home"
        home = root.add_child(
            instance=HomePage(
                title="Social care complaints",
                slug=slug,
                intro="<p>Guidance and complaint forms for each authority's social care complaints procedures.</p>",
            )
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Complaints demo"},
        )
        return home

    def ensure_authority_pages(self, home: HomePage, slug: str, content: dict):
        authority = Authority.objects.get(slug=slug)
        section = SectionPage.objects.child_of(home).filter(slug=slug).first()
        if section is None:
            section = home.add_child(instance=SectionPage(title=content["section"], slug=slug))
        if authority.pages_root_id != section.pk:
            # The authority's editors add, edit and publish pages in its own section only.
            authority.pages_root = section
            authority.save(update_fields=["pages_root"])
            grant_editor_pages(authority)
        for page in guidance_pages(content):
            if GuidancePage.objects.child_of(section).filter(slug=page["slug"]).exists():
                continue
            section.add_child(
                instance=GuidancePage(
                    title=page["title"],
                    slug=page["slug"],
                    authority=authority,
                    procedure_slug=page["procedure"],
                    intro=page["intro"],
                    body=page["body"],
                )
            )

    def ensure_welsh_pages(self, home: HomePage, slug: str, welsh: dict):
        """The authority's pages in Welsh (``/cy/...``): Wagtail's own translations (Locale "cy",
        ``copy_for_translation``) of the home page, the section and each guidance page, with
        their Welsh titles and text, published.  Pages that exist already are kept."""
        locale = Locale.objects.get_or_create(language_code="cy")[0]
        home_cy = self.translation_of(home, locale, title=HOME_CY["title"], intro=HOME_CY["intro"])
        section = SectionPage.objects.child_of(home).get(slug=slug)
        self.translation_of(section, locale, title=welsh["section"])
        for page_slug, fields in welsh["pages"].items():
            page = GuidancePage.objects.child_of(section).filter(slug=page_slug).first()
            if page is not None:
                self.translation_of(page, locale, **fields)
        return home_cy

    def translation_of(self, page, locale, **fields):
        """The page's translation into ``locale``, made and published with ``fields`` if new."""
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            return existing.specific
        copy = page.copy_for_translation(locale).specific
        for name, value in fields.items():
            setattr(copy, name, value)
        copy.save_revision().publish()
        return copy

    def ensure_admin(self) -> str:
        """Create the demo superuser, or reuse it; the password is kept in a private file."""
        password_file = Path(settings.SITE_DIR) / ".demo-admin-password"
        User = get_user_model()
        user = User.objects.filter(username=ADMIN_USERNAME).first()
        stored = password_file.read_text().strip() if password_file.exists() else ""
        if user is not None and stored and user.check_password(stored):
            return stored
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", password)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        password_file.write_text(password + "\n")
        password_file.chmod(stat.S_IRUSR | stat.S_IWUSR)
        return password
