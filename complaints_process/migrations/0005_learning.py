# Hand-written (issue 9, reports): themes, learning actions and Ombudsman referrals of a case.
# Written by hand so that it holds only these three models while other model changes are in
# progress in parallel branches of work.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints_process", "0004_notifications"),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseTheme",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "theme",
                    models.CharField(help_text='A category, e.g. "Communication" or "Delay". No personal data.', max_length=80),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="themes", to="complaints_process.complaint"
                    ),
                ),
            ],
            options={"ordering": ["theme"]},
        ),
        migrations.AddConstraint(
            model_name="casetheme",
            constraint=models.UniqueConstraint(fields=("case", "theme"), name="one_row_per_case_theme"),
        ),
        migrations.CreateModel(
            name="LearningAction",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("theme", models.CharField(blank=True, max_length=80)),
                (
                    "action",
                    models.TextField(help_text="The change agreed, written for publication: no names, nothing that identifies a child."),
                ),
                ("agreed_on", models.DateField()),
                ("completed_on", models.DateField(blank=True, null=True)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="learning_actions",
                        to="complaints_process.complaint",
                    ),
                ),
            ],
            options={"ordering": ["agreed_on", "id"]},
        ),
        migrations.CreateModel(
            name="OmbudsmanReferral",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "referred_on",
                    models.DateField(help_text="The day the authority learned the Ombudsman was asked to look at the case."),
                ),
                (
                    "decision",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Awaiting decision"),
                            ("not_investigated", "Not investigated"),
                            ("premature", "Referred back for local resolution"),
                            ("upheld", "Upheld (fault found)"),
                            ("not_upheld", "Not upheld (no fault)"),
                        ],
                        default="",
                        max_length=20,
                    ),
                ),
                ("decided_on", models.DateField(blank=True, null=True)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ombudsman_referrals",
                        to="complaints_process.complaint",
                    ),
                ),
            ],
            options={"ordering": ["referred_on", "id"]},
        ),
    ]
