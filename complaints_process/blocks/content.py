"""Blocks that put the procedure's own sentences on the page: stages, eligibility, support, ombudsman."""

from django.utils.translation import gettext_lazy
from wagtail import blocks

from complaints_process.core import wording

from .base import ConfigBlock


def clock_items(clocks, procedure):
    """(label, sentence) of each clock that promises a time; "not stated" clocks are left out."""
    items = []
    for clock in clocks:
        sentence = wording.clock_sentence(clock, procedure)
        if sentence:
            items.append({"key": clock.key, "label": clock.label, "sentence": sentence})
    return items


class ProcessStagesBlock(ConfigBlock):
    """Each stage with its timescales in plain English."""

    heading = blocks.CharBlock(required=False, default="What happens after you complain")

    class Meta:
        icon = "list-ol"
        label = gettext_lazy("Stages and timescales (from the process config)")
        template = "complaints_process/blocks/process_stages.html"

    def config_context(self, value, config, procedure, parent_context):
        stages = [
            {
                "heading": wording.stage_heading(procedure, stage),
                "description": stage.description,
                "local_resolution": wording.local_resolution_sentence(stage, wording.voice_of(procedure)),
                "clocks": clock_items(stage.clocks, procedure),
            }
            for stage in procedure.stages
        ]
        return {
            "first_clocks": clock_items(procedure.procedure_clocks, procedure),
            "stages": stages,
            "working_days_note": wording.working_days_note(procedure, closures=bool(config.calendar.closures)),
            "receipt_note": wording.receipt_note(procedure),
        }


class EligibilityBlock(ConfigBlock):
    """Who can complain, the time limit (e.g. 12 months) and what happens to a late complaint."""

    heading = blocks.CharBlock(required=False, default="Who can complain")

    class Meta:
        icon = "user"
        label = gettext_lazy("Who can complain and the time limit (from the process config)")
        template = "complaints_process/blocks/eligibility.html"

    def config_context(self, value, config, procedure, parent_context):
        return {
            "who": wording.who_may_complain(procedure.eligibility, wording.voice_of(procedure)),
            "sentences": wording.eligibility_sentences(procedure.eligibility, wording.voice_of(procedure)),
        }


class SupportBlock(ConfigBlock):
    """Help on offer: an advocate (with the authority's advocacy service), interpreter, signer,
    and how to reach the complaints team (the authority's contact details)."""

    heading = blocks.CharBlock(required=False, default="Help with making your complaint")

    class Meta:
        icon = "help"
        label = gettext_lazy("Help: advocate, interpreter, signer (from the process config)")
        template = "complaints_process/blocks/support.html"

    def config_context(self, value, config, procedure, parent_context):
        advocacy = config.advocacy if procedure.support.advocate else None
        return {
            "sentences": wording.support_sentences(procedure.support, config.advocacy, wording.voice_of(procedure)),
            "advocacy": advocacy,
            "contact": wording.contact_details(config.contact),
        }


class OmbudsmanBlock(ConfigBlock):
    """What happens after the last stage: the Ombudsman, and whether it can be asked at any point."""

    heading = blocks.CharBlock(required=False, default="If you are still unhappy")

    class Meta:
        icon = "arrow-right"
        label = gettext_lazy("After the last stage: the Ombudsman (from the process config)")
        template = "complaints_process/blocks/ombudsman.html"

    def config_context(self, value, config, procedure, parent_context):
        return {"sentences": wording.ombudsman_sentences(procedure), "ombudsman": procedure.ombudsman}
