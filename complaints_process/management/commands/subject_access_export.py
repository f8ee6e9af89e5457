"""``manage.py subject_access_export``: the data protection officer's subject access export.

    manage.py subject_access_export walsall --email alex@example.test --output alex.zip
    manage.py subject_access_export walsall --reference WAL-2026-000123 --output alex.zip
    manage.py subject_access_export walsall --output alex.zip < address.txt   # search read from stdin

The same ZIP as the admin's "Subject access" page (``services.subject_access``), recorded on
each case's timeline as made by a management command.  Reading the address from standard
input keeps it out of the shell's history.  The output says how many cases were exported,
never who; an existing file is not overwritten.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from complaints_process.models import Authority
from complaints_process.services import subject_access


class Command(BaseCommand):
    help = "Export everything an authority holds about a complainant (found by email or case reference) as a ZIP file."

    def add_arguments(self, parser):
        parser.add_argument("authority", help="The authority's slug, e.g. walsall.")
        parser.add_argument("--email", help="The complainant's email address.")
        parser.add_argument("--reference", help="A case reference; the export covers every case with the same email address.")
        parser.add_argument("--output", required=True, help="Where to write the ZIP file (must not exist).")

    def handle(self, *args, **options):
        authority = Authority.objects.filter(slug=options["authority"]).first()
        if authority is None:
            raise CommandError(f"No authority with the slug '{options['authority']}'.")
        if options["email"] and options["reference"]:
            raise CommandError("Give --email or --reference, not both.")
        text = options["email"] or options["reference"]
        if not text:
            text = sys.stdin.readline()
        try:
            search = subject_access.Search.read(text)
        except subject_access.SubjectAccessError as error:
            raise CommandError(str(error))
        if options["reference"] and search.email:
            raise CommandError("--reference takes a case reference, e.g. WAL-2026-000123.")
        output = Path(options["output"])
        if output.exists():
            raise CommandError(f"{output} already exists; choose another file.")
        result = subject_access.export(authority, search, user=None)
        if result is None:
            self.stdout.write(f"Nothing is held about this complainant in {authority.name}; no file written.")
            return
        output.write_bytes(result.content)
        output.chmod(0o600)
        self.stdout.write(f"Exported {result.case_count} case(s) of {authority.name} to {output}.")
