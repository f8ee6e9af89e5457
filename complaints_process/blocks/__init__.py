"""StreamField blocks that render from the authority's live process config.

Editors place these blocks among their own prose; they never type a timescale. Each block
reads the procedure from the page it sits on (``GuidancePage.current_config`` and
``current_procedure``) at render time, so a new config version changes every page on its
next render, previews included.  The sentences come from ``complaints_process.core.wording``.

``GUIDANCE_BLOCKS`` is the list of (name, block) pairs GuidancePage.body offers.
"""

from wagtail import blocks

from .complaint_form import ComplaintFormBlock
from .content import EligibilityBlock, OmbudsmanBlock, ProcessStagesBlock, SupportBlock
from .diagram import ProcedureDiagramBlock
from .what_to_expect import WhatToExpectBlock

__all__ = [
    "ComplaintFormBlock",
    "GUIDANCE_BLOCKS",
    "EligibilityBlock",
    "OmbudsmanBlock",
    "ProcedureDiagramBlock",
    "ProcessStagesBlock",
    "SupportBlock",
    "WhatToExpectBlock",
]

GUIDANCE_BLOCKS = [
    ("text", blocks.RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])),
    ("process_stages", ProcessStagesBlock()),
    ("eligibility", EligibilityBlock()),
    ("support", SupportBlock()),
    ("ombudsman", OmbudsmanBlock()),
    ("what_to_expect", WhatToExpectBlock()),
    ("procedure_diagram", ProcedureDiagramBlock()),
    ("complaint_form", ComplaintFormBlock()),
]
