"""Cases move along their procedure's steps: the review panel's steps become steps of stage 3.

The states ``stage3_convened``, ``stage3_panel_met`` and ``stage3_reported`` become ``stage3``
(stage 3 in progress), the place within the stage being the case's new ``last_step``: the
procedure event of the last step recorded, read from each case's own events.  The case
events' from/to states follow, so the timeline and the reports read the same.  Reversible.
"""

import django_fsm
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

OLD_STAGE3 = {
    "stage3_convened": "stage3.notice_sent",
    "stage3_panel_met": "stage3.panel_met",
    "stage3_reported": "stage3.panel_reported",
}
# Timeline entries that are not steps of the procedure (complaints_process.actions, as of
# this migration).
NOT_STEPS = (
    "add_theme", "remove_theme", "record_learning_action", "update_learning_action", "record_ombudsman_referral",
    "record_ombudsman_decision", "record_remedy_compliance", "recompute_deadlines", "notification_sent",
    "notification_not_sent", "anonymise", "subject_access_export",
)


def forwards(apps, schema_editor):
    Complaint = apps.get_model("complaints_process", "Complaint")
    CaseEvent = apps.get_model("complaints_process", "CaseEvent")
    latest = (
        CaseEvent.objects.filter(case=OuterRef("pk")).exclude(event_key="").exclude(action__in=NOT_STEPS)
        .order_by("-occurred_on", "-id").values("event_key")[:1]
    )
    Complaint.objects.update(last_step=Subquery(latest))
    Complaint.objects.filter(last_step__isnull=True).update(last_step="")
    for old in OLD_STAGE3:
        Complaint.objects.filter(state=old).update(state="stage3")
        CaseEvent.objects.filter(from_state=old).update(from_state="stage3")
        CaseEvent.objects.filter(to_state=old).update(to_state="stage3")


def backwards(apps, schema_editor):
    Complaint = apps.get_model("complaints_process", "Complaint")
    CaseEvent = apps.get_model("complaints_process", "CaseEvent")
    old_of_step = {step: old for old, step in OLD_STAGE3.items()}
    for old, step in OLD_STAGE3.items():
        Complaint.objects.filter(state="stage3", last_step=step).update(state=old)
    touched = CaseEvent.objects.filter(models.Q(from_state="stage3") | models.Q(to_state="stage3"))
    for case_id in touched.values_list("case_id", flat=True).distinct():
        state = None
        for event in CaseEvent.objects.filter(case_id=case_id).order_by("occurred_on", "id"):
            if event.from_state == "stage3":
                event.from_state = state or "stage3_convened"
            if event.to_state == "stage3":
                event.to_state = old_of_step.get(event.event_key, event.from_state)
            CaseEvent.objects.filter(pk=event.pk).update(from_state=event.from_state, to_state=event.to_state)
            state = event.to_state


class Migration(migrations.Migration):

    dependencies = [
        ('complaints_process', '0012_feedback_retention'),
    ]

    operations = [
        migrations.AddField(
            model_name='complaint',
            name='last_step',
            field=models.CharField(blank=True, editable=False, help_text="The procedure event of the last step recorded: the case's place in its stage's steps.", max_length=80),
        ),
        migrations.AlterField(
            model_name='complaint',
            name='state',
            field=django_fsm.FSMField(choices=[('received', 'Received'), ('stage1', 'Stage 1 in progress'), ('stage1_responded', 'Stage 1 response sent'), ('stage2_requested', 'Stage 2 requested'), ('stage2', 'Stage 2 in progress'), ('stage2_responded', 'Stage 2 response sent'), ('stage3_requested', 'Stage 3 requested'), ('stage3', 'Stage 3 in progress'), ('stage3_responded', 'Stage 3 completed'), ('stage4_requested', 'Stage 4 requested'), ('stage4', 'Stage 4 in progress'), ('stage4_responded', 'Stage 4 completed'), ('closed', 'Closed'), ('withdrawn', 'Withdrawn'), ('not_accepted', 'Not accepted'), ('handled_outside', 'Handled outside the procedure')], db_index=True, default='received', max_length=50, protected=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
