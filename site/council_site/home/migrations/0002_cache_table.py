"""The database cache's table, so that `migrate` alone prepares a site whose cache is the database.

The rate limits count in the default cache, which must be shared by every worker: the
database cache unless REDIS_URL is set (settings.base).  ``createcachetable`` makes the table
of each database cache in CACHES and does nothing for other backends; run it again after
switching a site to the database cache.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
