"""Every sentence a seed authority's guidance page renders has a source.

The page is rendered as a visitor gets it; its sentences (paragraphs, list items and the clock
sentences of the stages, the diagram's text description included) are taken one by one.  A
sentence has a source when it is the source page's own words (it occurs in ``docs/seeds/<slug>.txt``),
or when ``sentence_sources.yaml`` beside this file maps it to a source that can be checked:

* ``seed: "<quote>"``: words of the authority's page (the quote must occur in its seed text);
* ``law: "<citation>"``: the statutory template's law (the citation must occur in the template
  the procedure extends).

A sentence with neither fails the test, and so does a map entry that a page no longer
renders, so the map cannot drift from the pages.  Headings, the clock labels of the stage lists
and the form's and calculator's questions are names and questions, not claims, and are not taken.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest
import yaml

from tests.demo import SEED_SLUGS, page_url

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "docs" / "seeds"
TEMPLATE = REPO / "process_configs" / "base" / "statutory-england-2006.yaml"
MAP = yaml.safe_load((Path(__file__).with_name("sentence_sources.yaml")).read_text(encoding="utf-8"))
SKIPPED_BLOCKS = ("what_to_expect", "complaint_form")


def normal(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"').replace("\u2013", "-")
    return " ".join(text.split()).lower()


def sentences(page_html: str) -> list[str]:
    article = re.search(r"<article\b.*?</article>", page_html, re.S).group(0)
    for block in SKIPPED_BLOCKS:
        article = re.sub(rf'<section class="cp-block cp-block--{block}.*?</section>', " ", article, flags=re.S)
    names = r"<svg\b.*?</svg>|<h[1-6]\b.*?</h[1-6]>|<dt\b.*?</dt>|<caption\b.*?</caption>|<strong\b.*?</strong>"
    article = re.sub(names, " ", article, flags=re.S)
    found = []
    for element in re.findall(r"<(p|li|dd)\b[^>]*>(.*?)</\1>", article, flags=re.S):
        text = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", element[1])).split())
        # "Stage 1 response: We will do this ..." (the diagram's description): the label is a name.
        text = re.sub(r"^[^.:]{1,60}: ", "", text)
        for sentence in re.split(r"(?<=[.?!])\s+(?=[A-Z])", text):
            if sentence and sentence not in found:
                found.append(sentence)
    return found


def unsourced(slug: str, rendered: list[str]) -> list[str]:
    seed = normal((SEEDS / f"{slug}.txt").read_text(encoding="utf-8"))
    mapped = {**MAP.get("every_page", {}), **MAP.get(slug, {})}
    return [s for s in rendered if normal(s).rstrip(".:") not in seed and s not in mapped]


def check_source(slug: str, sentence: str, source: str) -> str | None:
    kind, _, quote = source.partition(": ")
    quote = quote.strip().strip('"')
    if kind == "seed":
        if normal(quote) not in normal((SEEDS / f"{slug}.txt").read_text(encoding="utf-8")):
            return f"{slug}: the quote for {sentence!r} is not on the source page: {quote!r}"
        return None
    if kind == "law":
        if normal(quote) not in normal(TEMPLATE.read_text(encoding="utf-8")):
            return f"{slug}: the citation for {sentence!r} is not in the template: {quote!r}"
        return None
    return f"{slug}: {sentence!r} has a source that is neither 'seed:' nor 'law:': {source!r}"


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_every_rendered_sentence_has_a_source(demo, client, slug):
    rendered = sentences(client.get(page_url(slug)).content.decode())
    assert len(rendered) > 10
    assert unsourced(slug, rendered) == []
    problems = [check_source(slug, s, source) for s, source in MAP.get(slug, {}).items()]
    assert [p for p in problems if p] == []
    stale = [s for s in MAP.get(slug, {}) if s not in rendered]
    assert stale == [], "map entries no page renders any more"


def test_the_shared_sources_are_the_templates_law_and_are_rendered_somewhere(demo, client):
    every_page = MAP["every_page"]
    problems = [check_source("council-a", s, source) for s, source in every_page.items() if source.startswith("law:")]
    assert [p for p in problems if p] == []
    assert all(source.startswith("law:") for source in every_page.values())
    rendered = {s for slug in SEED_SLUGS for s in sentences(client.get(page_url(slug)).content.decode())}
    assert [s for s in every_page if s not in rendered] == []


def test_a_sentence_nobody_wrote_fails(demo, client):
    html = client.get(page_url("walsall")).content.decode()
    invented = html.replace("</article>", "<p>If we do not, we will write and tell you why.</p></article>")
    assert unsourced("walsall", sentences(invented)) == ["If we do not, we will write and tell you why."]
