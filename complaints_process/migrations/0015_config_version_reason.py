from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints_process", "0014_intake_security"),
    ]

    operations = [
        migrations.AddField(
            model_name="processconfigversion",
            name="reason",
            field=models.TextField(
                blank=True,
                help_text="Why this version departs from the law where it leaves the complainant worse off (process_config "
                "lawcheck); required to publish such a change in the admin.",
            ),
        ),
    ]
