"""The report's cases as CSV: one row per case, with no personal data.

Which cases: every case of the procedures of the report's kind that has anything the report
counts in the period (``CaseRow.touches``): received, a stage asked for or answered, a clock
met, closed, signposted or referred to the Ombudsman, or a learning action agreed.

What is left out, and why:

* **No reference.** A case reference is not a name, but it is the key to the case file, and
  the CSV is meant to be shared (with the Department for Education, councillors, or
  published).  Each row has an anonymous row number instead, assigned in order of receipt;
  it means nothing outside this file.
* **No names, contact details, child's details, dates of birth, free text** (what happened,
  desired outcome, reasons, notes): ``queries.collect`` never reads those fields, nor the
  Ombudsman's reference or the remedy's text.  No learning action text either: the printable
  report lists the actions; the CSV counts them per case.
* **No exact dates.** The month of receipt, and working days taken per clock, say what the
  report needs; an exact date with a service could point to a family.
* **Rare values are grouped.** ``service`` is typed in by the complainant, so it can be
  anything; a service (or a theme) shared by fewer cases than the suppression threshold is
  written as "Other (fewer than 5 cases each)".  The other columns are fixed categories.

Small-number suppression of *counts* applies to the report's tables; a row-level file has no
counts, so the grouping above is what protects it.  Even so, treat the file as the
authority's own data and check it before publishing it as it stands.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from django.utils.translation import gettext

from . import figures as F
from .report import RELATIONSHIP_LABELS, STAGE_LABELS

FINAL = {
    "closed": "closed",
    "withdrawn": "withdrawn",
    "not_accepted": "not accepted",
    "handled_outside": "handled outside the procedure",
}


def _other(threshold: int) -> str:
    return f"Other (fewer than {threshold} cases each)"


def _remedy_state(referrals) -> str:
    """The latest remedy's state: "on time" / "late" (carried out by the date set, or after),
    "not yet", or "" when no remedy was recorded."""
    with_remedy = [referral for referral in referrals if referral.remedy]
    if not with_remedy:
        return ""
    latest = max(with_remedy, key=lambda referral: (referral.decided_on or referral.referred_on, referral.referred_on))
    if latest.remedy_complied_on is None:
        return "not yet"
    return "on time" if latest.remedy_on_time else "late"


def csv_rows(data, threshold: int) -> list[dict]:
    """The CSV's rows as dicts (header order = key order)."""
    period = data.period
    rows = [row for row in data.rows if row.touches(period)]
    not_recorded = gettext(F.NOT_RECORDED)
    service_counts = Counter(row.service or not_recorded for row in rows)
    theme_counts = Counter(theme for row in rows for theme in row.themes)
    out = []
    for number, row in enumerate(rows, start=1):
        service = row.service or not_recorded
        if F.is_suppressed(service_counts[service], threshold):
            service = _other(threshold)
        themes = sorted({t if not F.is_suppressed(theme_counts[t], threshold) else _other(threshold) for t in row.themes})
        record = {
            "row": number,
            "procedure": data.procedure_kind,
            "received_month": row.received_on.strftime("%Y-%m"),
            "received_in_period": "yes" if row.received_on in period else "no",
            "complainant_type": RELATIONSHIP_LABELS.get(row.relationship, row.relationship),
            "advocate_requested": "yes" if row.needs_advocate else "no",
            "service": service,
            "highest_stage": STAGE_LABELS.get(row.highest_stage, row.highest_stage),
            "status": FINAL.get(row.state, "open"),
            "not_accepted_ground": row.refusal_ground if row.closure_reason == F.NOT_ACCEPTED else "",
            "withdrawn_at_stage": row.final_stage if row.closure_reason == F.WITHDRAWN else "",
        }
        for stage in data.stages:
            if stage in row.responded:
                record[f"{stage}_outcome"] = row.outcome_at(stage) or F.NO_OUTCOME
            else:
                record[f"{stage}_outcome"] = ""
        for stage in data.stages[1:]:
            record[f"{stage}_requested"] = "yes" if stage in row.requested else "no"
        by_clock = {d.clock_key: d for d in row.deadlines}
        for key, _label in data.clocks:
            deadline = by_clock.get(key)
            if deadline is None:
                timeliness, days = "", ""
            elif deadline.met_on is None:
                timeliness, days = ("missed" if deadline.status == "missed" else "not yet met"), ""
            else:
                timeliness = deadline.timeliness or "no time limit"
                days = "" if deadline.working_days_taken is None else deadline.working_days_taken
            record[f"{key}_timeliness"] = timeliness
            record[f"{key}_working_days"] = days
        record["ombudsman_signposted"] = "yes" if row.ombudsman_signposted_on else "no"
        record["ombudsman_referred"] = "yes" if row.referrals else "no"
        latest = max(row.referrals, key=lambda referral: referral.referred_on, default=None)
        record["ombudsman_decision"] = (latest.decision or "awaiting decision") if latest else ""
        record["ombudsman_remedy"] = "yes" if any(referral.remedy for referral in row.referrals) else "no"
        record["ombudsman_remedy_carried_out"] = _remedy_state(row.referrals)
        record["themes"] = "; ".join(themes)
        record["learning_actions"] = len(row.learning)
        out.append(record)
    return out


def header(data) -> list[str]:
    """The column names, also for a period with no cases."""
    columns = [
        "row",
        "procedure",
        "received_month",
        "received_in_period",
        "complainant_type",
        "advocate_requested",
        "service",
        "highest_stage",
        "status",
        "not_accepted_ground",
        "withdrawn_at_stage",
    ]
    columns += [f"{stage}_outcome" for stage in data.stages]
    columns += [f"{stage}_requested" for stage in data.stages[1:]]
    for key, _label in data.clocks:
        columns += [f"{key}_timeliness", f"{key}_working_days"]
    return columns + [
        "ombudsman_signposted",
        "ombudsman_referred",
        "ombudsman_decision",
        "ombudsman_remedy",
        "ombudsman_remedy_carried_out",
        "themes",
        "learning_actions",
    ]


def _safe(value):
    """Neutralise spreadsheet formulas (CSV injection): service and themes are typed by people."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_csv(data, threshold: int) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header(data), lineterminator="\r\n")
    writer.writeheader()
    for record in csv_rows(data, threshold):
        writer.writerow({key: _safe(value) for key, value in record.items()})
    return buffer.getvalue()
