"""A picture of the procedure, drawn on the server as an accessible SVG (no JavaScript).

Boxes top to bottom: the complaint arriving (with the procedure's own clocks, such as the
acknowledgement), each stage with its clocks, then the ombudsman.  Arrows between stages
carry the escalation window ("ask within 20 working days").  One column at the width of a
phone's content column, shown at its own size: the text is as large on a desktop as on a
phone and nothing is cut off or scrolled.  The SVG has role="img",
a <title> and a <desc> named by aria-labelledby, and ``procedure_steps`` gives the same
content as a list for the visible text alternative.  Used by ProcedureDiagramBlock on the
page and by the admin's read-only diagram view and panel.
"""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from complaints_process.core import wording

from .base import ConfigBlock

# One column of boxes, top to bottom, drawn at the size it is shown: 360 units is the
# narrowest content column the GOV.UK layout gives (a 390 px phone), so the text is shown
# at 16 px on a phone and on a desktop alike, and the page never scrolls sideways for it.
WIDTH, PAD, LINE, GAP, FONT = 360, 16, 22, 64, 16
WRAP_BOLD, WRAP = 32, 36
INK, BLUE, GREY, PALE = "#0b0c0c", "#1d70b8", "#505a5f", "#f3f2f1"


def _clock_lines(clock):
    """A clock in the diagram: its label, then its time in the page's words."""
    if clock.due is None:
        return [(clock.label, "bold"), (_("no time set"), "normal")]
    if clock.kind == "notice" or clock.counts_backwards:
        rule = _("at least {amount} before").format(amount=wording.in_words(clock.due))
    else:
        rule = _("within {amount}").format(amount=wording.in_words(clock.due))
    lines = [(clock.label, "bold"), (rule, "normal")]
    if clock.extended is not None:
        lines.append((_("or up to {amount} if extended").format(amount=wording.in_words(clock.extended)), "normal"))
    elif clock.extension_unbounded:
        lines.append((_("may take longer"), "normal"))
    return lines


def _has_window(stage) -> bool:
    return any(clock.kind == "window" for clock in stage.clocks)


def _window_text(stage):
    """The escalation window into a stage: "ask within 20 working days"."""
    windows = [clock for clock in stage.clocks if clock.kind == "window"]
    if not windows:
        return _("ask for the next stage")
    clock = windows[0]
    return _("ask within {amount}").format(amount=wording.in_words(clock.due)) if clock.due else _("ask (no time set)")


def _step_sentence(clock, procedure) -> str:
    return _("{label}: {sentence}").format(label=clock.label, sentence=wording.clock_sentence(clock, procedure) or _("no time is set."))


def procedure_steps(procedure):
    """The text alternative: one (heading, sentences) item per box, in order."""
    first = [_step_sentence(c, procedure) for c in procedure.procedure_clocks]
    voice = wording.voice_of(procedure)
    heading = _("They receive your complaint") if voice.advice else _("We receive your complaint")
    steps = [{"heading": heading, "sentences": first}]
    for stage in procedure.stages:
        sentences = [_step_sentence(c, procedure) for c in stage.clocks]
        steps.append({"heading": wording.stage_heading(procedure, stage), "sentences": sentences})
    if procedure.ombudsman:
        steps.append({"heading": procedure.ombudsman.name, "sentences": wording.ombudsman_sentences(procedure)})
    return steps


def _wrap(lines, bold_width=WRAP_BOLD, width=WRAP):
    out = []
    for text, weight in lines:
        out += [(part, weight) for part in textwrap.wrap(text, bold_width if weight == "bold" else width) or [""]]
    return out


def render_svg(procedure, authority_name: str, id_prefix: str = "cp-diagram") -> str:
    """The diagram as SVG markup (a string marked safe for templates): one box per step, top
    to bottom, each arrow between them labelled with the window for asking for the next stage."""
    start = [(_("Complaint received"), "bold")] + [line for c in procedure.procedure_clocks for line in _clock_lines(c)]
    boxes = [{"lines": _wrap(start), "style": "start"}]
    for stage in procedure.stages:
        lines = [(wording.stage_heading(procedure, stage), "bold")]
        for clock in stage.clocks:
            if clock.kind != "window":
                lines += _clock_lines(clock)
        first = stage is procedure.stages[0]
        boxes.append({"lines": _wrap(lines), "style": "stage", "window": "" if first and not _has_window(stage) else _window_text(stage)})
    omb = procedure.ombudsman
    if omb:
        lines = [(omb.name, "bold")] + ([(_("or at any point"), "normal")] if omb.at_any_point else [])
        boxes.append({"lines": _wrap(lines), "style": "ombudsman", "window": _("if still unhappy")})
    for box in boxes:
        box["h"] = len(box["lines"]) * LINE + 2 * PAD - (LINE - FONT)
    box_w = WIDTH - 2
    total_h = sum(box["h"] for box in boxes) + GAP * (len(boxes) - 1) + 2
    title = _("{procedure}, {authority}: the stages and their timescales").format(procedure=procedure.name, authority=authority_name)
    desc = " ".join(f"{step['heading']}. " + " ".join(step["sentences"]) for step in procedure_steps(procedure))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {total_h}" '
        f'width="{WIDTH}" height="{total_h}" aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        f'font-family="arial, sans-serif" font-size="{FONT}">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(desc)}</desc>',
        f'<defs><marker id="{id_prefix}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker></defs>',
    ]
    y = 1
    for index, box in enumerate(boxes):
        if index:
            x, y0, y1 = 40, y - GAP + 4, y - 6
            out.append(
                f'<line x1="{x}" y1="{y0}" x2="{x}" y2="{y1}" stroke="{INK}" stroke-width="2" marker-end="url(#{id_prefix}-arrow)"/>'
            )
            if box["window"]:
                out.append(f'<text x="{x + 20}" y="{y0 + (GAP - 10) / 2 + 5}" fill="{INK}">{escape(box["window"])}</text>')
        dashed = ' stroke-dasharray="6 4"' if box["style"] == "ombudsman" else ""
        fill = PALE if box["style"] == "stage" else "#ffffff"
        out.append(f'<rect x="1" y="{y}" width="{box_w}" height="{box["h"]}" fill="{fill}" stroke="{INK}" stroke-width="2"{dashed}/>')
        if box["style"] == "start":
            out.append(f'<rect x="1" y="{y}" width="6" height="{box["h"]}" fill="{BLUE}"/>')
        for n, (text, weight) in enumerate(box["lines"]):
            colour = INK if weight == "bold" else GREY
            out.append(
                f'<text x="{PAD + 4}" y="{y + PAD + FONT - 3 + n * LINE}" font-weight={quoteattr(weight)} fill="{colour}">{escape(text)}</text>'
            )
        y += box["h"] + GAP
    out.append("</svg>")
    return mark_safe("".join(out))


def diagram_context(procedure, authority_name: str, id_prefix: str) -> dict:
    return {
        "svg": render_svg(procedure, authority_name, id_prefix),
        "steps": procedure_steps(procedure),
        "id_prefix": id_prefix,
        "procedure_name": procedure.name,
    }


class ProcedureDiagramBlock(ConfigBlock):
    heading = blocks.CharBlock(required=False, default="The complaints procedure at a glance")

    class Meta:
        icon = "image"
        label = gettext_lazy("Procedure diagram (from the process config)")
        template = "complaints_process/blocks/procedure_diagram.html"

    def config_context(self, value, config, procedure, parent_context):
        block_id = str(parent_context.get("block_id") or "")
        prefix = f"cp-diagram-{block_id[:8]}" if block_id else "cp-diagram"
        return diagram_context(procedure, config.name, prefix)
