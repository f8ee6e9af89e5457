"""The one intake validation layer: what the procedure config says must be asked.

``build_intake_form(config, procedure, data, files)`` returns a bound ``IntakeForm`` whose
fields, choices and required flags come from the procedure:

* ``eligibility.who_may_complain`` -> the "who is complaining" choices (all four usual ones
  when the config lists none);
* ``eligibility.must_tell`` -> required answers (``child_name``, ``desired_outcome``,
  ``service``...) and hints (``names_and_dates``, ``documents``);
* ``eligibility.child_consent`` / ``parental_consent_may_be_needed`` -> whose consent is asked
  when someone complains for a child: the child's, or their parent's, guardian's or carer's;
* ``eligibility.time_limit`` / ``counted_from`` -> a date past the limit is not refused: the
  form is shown once more with the rule, and the complainant may explain (``late_explanation``);
* ``feedback`` -> a compliment or a comment may be sent instead of a complaint;
* a statutory and a corporate procedure -> the routing question.

The HTML form block and the API both bind this form (the API with JSON, dates as ISO
strings) and call ``filing_arguments`` on the cleaned data: there is no second copy of the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from complaints_process.attachments import ALLOWED_DESCRIPTION, check_uploads
from complaints_process.conf import attachment_max_bytes, attachment_max_count
from complaints_process.core import wording
from complaints_process.models import ChildConsent, ComplainantRelationship, PreferredContact

from .fields import DateField, MultipleFileField

# Every label, hint and message below is marked here (``gettext_noop``) and translated when a form is
# built, in the language of the page it is on.
DEFAULT_WHO = ("child", "parent_or_carer", "someone_with_interest", "representative")
WHO_LABELS = {
    "child": gettext_noop("I am the child or young person"),
    "parent_or_carer": gettext_noop("I am their parent or carer"),
    "someone_with_interest": gettext_noop("I am someone else with an interest in the child's welfare"),
    "representative": gettext_noop("I am a representative (for example, an advocate)"),
    "prospective_service_user": gettext_noop("I could become a user of the service"),
}
# The same answers where the procedure's services are for adults or for everyone
# (``service_users``): the form never speaks of "the child or young person" there.
WHO_LABELS_BY_SERVED = {
    "children": WHO_LABELS,
    "adults": {
        **WHO_LABELS,
        "child": gettext_noop("I receive the care and support"),
        "parent_or_carer": gettext_noop("I am their relative or carer"),
        "someone_with_interest": gettext_noop("I am someone else affected by what happened"),
    },
    "all": {
        **WHO_LABELS,
        "child": gettext_noop("I receive the service"),
        "parent_or_carer": gettext_noop("I am their parent, relative or carer"),
        "someone_with_interest": gettext_noop("I am someone else with an interest in their welfare"),
    },
}
#: The person a complaint concerns, by whom the procedure serves: the heading over the
#: questions about them, the label of their name and the message when it is missing.
PERSON_HEADINGS = {
    "children": gettext_noop("The child or young person"),
    "adults": gettext_noop("The person who receives the care and support"),
    "all": gettext_noop("The person who receives the service"),
}
PERSON_NAME_LABELS = {
    "children": gettext_noop("The child or young person's full name"),
    "adults": gettext_noop("The person who receives the care and support's full name"),
    "all": gettext_noop("The person who receives the service's full name"),
}
PERSON_NAME_REQUIRED = {
    "children": gettext_noop("Enter the child or young person's full name"),
    "adults": gettext_noop("Enter the person who receives the care and support's full name"),
    "all": gettext_noop("Enter the person who receives the service's full name"),
}
CONTACT_LABELS = {"email": gettext_noop("Email"), "phone": gettext_noop("Phone"), "post": gettext_noop("Post")}
CONSENT_ANSWERS = {
    "yes": ChildConsent.GIVEN,
    "no": ChildConsent.REFUSED,
    "not_asked": ChildConsent.NOT_ASKED,
    "parental_responsibility": ChildConsent.NOT_NEEDED,
}
# Whose consent the form asks for, by the procedure's eligibility: the child's
# (``child_consent: ask | required``, e.g. Walsall: "we will check if they are happy for this to
# happen"), or their parent's, guardian's or carer's (``parental_consent_may_be_needed``,
# Hampshire: "unless the child's parent, guardian or carer has given their consent for someone
# to act on their behalf").
AGREE_CHOICES = [
    ("yes", gettext_noop("Yes, they agree")),
    ("no", gettext_noop("No, they do not agree")),
    ("not_asked", gettext_noop("I have not been able to ask them")),
]
CONSENT_QUESTIONS = {
    "someone_else": (
        gettext_noop("If you are complaining for someone else, do they agree to you complaining for them?"),
        AGREE_CHOICES,
        gettext_noop("Select whether they agree to you complaining for them"),
    ),
    "child": (
        gettext_noop("If you are complaining for a child or young person, do they agree to you complaining for them?"),
        AGREE_CHOICES,
        gettext_noop("Select whether the child or young person agrees to you complaining for them"),
    ),
    "parent_guardian_or_carer": (
        gettext_noop(
            "If you do not have parental responsibility for the child, has their parent, guardian or carer given their consent "
            "for you to act on the child's behalf?"
        ),
        [
            ("parental_responsibility", gettext_noop("I have parental responsibility for the child")),
            ("yes", gettext_noop("Yes, they have given their consent")),
            ("no", gettext_noop("No, they have not given their consent")),
            ("not_asked", gettext_noop("I have not been able to ask them")),
        ],
        gettext_noop("Select whether the child's parent, guardian or carer has given their consent"),
    ),
}
# The help the form offers, each only where the procedure's ``support`` says the authority's page
# offers it (Council B: "If you need an interpreter or a signer, we can make arrangements to
# support you."); a form whose authority offers none asks only the open question below.
NEEDS = [
    ("interpreter", gettext_noop("An interpreter")),
    ("signer", gettext_noop("A signer")),
    ("advocate", gettext_noop("An advocate to help me")),
]
FEEDBACK_CHOICES = {"compliment": gettext_noop("Give a compliment"), "comment": gettext_noop("Give a comment")}


def _translated(choices):
    return [(value, _(label)) for value, label in choices]


def _radio(choices, label, **kwargs):
    field = forms.ChoiceField(choices=_translated(choices), label=_(label), widget=forms.RadioSelect, **kwargs)
    field.govuk = "radios"
    return field


def _text(label, max_length, *, required=False, long=False, kind="text", **kwargs):
    if kind == "email":
        field = forms.EmailField(label=_(label), max_length=max_length, required=required, **kwargs)
    else:
        widget = forms.Textarea if long else forms.TextInput
        field = forms.CharField(label=_(label), max_length=max_length, required=required, widget=widget, **kwargs)
    field.govuk = "textarea" if long else kind
    return field


def is_late(procedure, config, happened_on, became_aware_on=None, today=None) -> bool:
    """Is the complaint outside the procedure's time limit, counted as the config says?"""
    eligibility = procedure.eligibility
    if eligibility.time_limit is None or happened_on is None:
        return False
    start = happened_on
    if eligibility.counted_from == "event_or_awareness" and became_aware_on is not None:
        start = max(happened_on, became_aware_on)
    today = today or timezone.localdate()
    return eligibility.time_limit.apply(start, config.working_calendar()) < today


@dataclass(frozen=True)
class Requirement:
    """One answer the form requires: for which kinds of submission, and, when ``when`` is given,
    only when another answer (``when[0]``) is one of ``when[1]`` (for a list answer: contains one).

    ``IntakeForm.requirements()`` is the one list of these for a procedure: the form's validation,
    the API's form schema and the page API's ``form`` field all read it.  ``message`` is the
    English, marked for translation; the form translates it when it reports it."""

    field: str
    message: str
    kinds: tuple[str, ...] = ("complaint",)
    when: tuple[str, tuple[str, ...]] | None = None

    def applies(self, kind: str, data: dict) -> bool:
        if kind not in self.kinds:
            return False
        if self.when is None:
            return True
        value = data.get(self.when[0])
        values = value if isinstance(value, (list, tuple)) else [value]
        return any(v in self.when[1] for v in values)


FEEDBACK_KINDS = ("compliment", "comment")
#: What every procedure requires; ``IntakeForm.requirements`` adds what the procedure's config asks.
BASE_REQUIREMENTS = (
    Requirement("service", gettext_noop("Enter the service your complaint is about"), kinds=("complaint",)),
    Requirement("service", gettext_noop("Enter the service your compliment is about"), kinds=("compliment",)),
    Requirement("service", gettext_noop("Enter the service your comment is about"), kinds=("comment",)),
    Requirement("what_happened", gettext_noop("Enter your compliment"), kinds=("compliment",)),
    Requirement("what_happened", gettext_noop("Enter your comment"), kinds=("comment",)),
    Requirement("complainant_relationship", gettext_noop("Select who is making the complaint")),
    Requirement("complainant_name", gettext_noop("Enter your full name")),
    Requirement("what_happened", gettext_noop("Enter what happened")),
    Requirement("happened_on", gettext_noop("Enter the date it happened")),
    Requirement("preferred_contact", gettext_noop("Select how you would like us to contact you")),
)
#: Required by another answer, in every procedure (checked after what the config asks).
ANSWER_REQUIREMENTS = (
    Requirement("complainant_email", gettext_noop("Enter your email address"), when=("preferred_contact", ("email",))),
    Requirement("complainant_phone", gettext_noop("Enter your phone number"), when=("preferred_contact", ("phone",))),
    Requirement("complainant_address", gettext_noop("Enter your postal address"), when=("preferred_contact", ("post",))),
    Requirement("interpreter_language", gettext_noop("Enter the language you need an interpreter for"), when=("needs", ("interpreter",))),
)


class IntakeForm(forms.Form):
    """See the module docstring.  Field names are the case's own where there is one."""

    def __init__(self, config, procedure, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.config, self.procedure = config, procedure
        self.served = getattr(procedure, "service_users", "children")
        eligibility = procedure.eligibility
        self.must_tell = set(eligibility.must_tell)
        self.asks_consent = eligibility.child_consent in ("ask", "required") or eligibility.parental_consent_may_be_needed
        self.consent_from = "child" if eligibility.child_consent in ("ask", "required") else "parent_guardian_or_carer"
        if self.served != "children" and self.consent_from == "child":
            self.consent_from = "someone_else"
        #: The heading over the questions about the person the complaint concerns.
        self.person_heading = _(PERSON_HEADINGS.get(self.served, PERSON_HEADINGS["children"]))
        self.asks_awareness = eligibility.counted_from == "event_or_awareness"
        self.late_rule = " ".join(s for s in (wording.time_limit_sentence(eligibility), wording.late_complaints_sentence(eligibility)) if s)
        self.feedback_kinds = [kind for kind in ("compliment", "comment") if getattr(procedure.feedback, f"{kind}s")]
        kinds = {p.kind for p in config.procedures}
        self.routes = {"statutory", "corporate"} <= kinds
        self._add_fields()

    def _add_fields(self):
        """The questions in the order the page asks them, one method per section."""
        self._add_kind_and_who()
        self._add_person()
        self._add_what_happened()
        self._add_contact()
        self._add_help()

    def _add_kind_and_who(self):
        f = self.fields
        if self.feedback_kinds:
            choices = [("complaint", gettext_noop("Make a complaint"))] + [(k, FEEDBACK_CHOICES[k]) for k in self.feedback_kinds]
            f["kind"] = _radio(choices, gettext_noop("What would you like to do?"), initial="complaint", required=False)
            f["kind"].help_text = _(
                "For a compliment or a comment, tell us the service and what you want to say; the other questions are optional."
            )
        who = self.procedure.eligibility.who_may_complain or DEFAULT_WHO
        labels = WHO_LABELS_BY_SERVED.get(self.served, WHO_LABELS)
        f["complainant_relationship"] = _radio([(w, labels[w]) for w in who], gettext_noop("Who is making the complaint?"), required=False)
        f["complainant_name"] = _text(gettext_noop("Your full name"), 200)

    def _add_person(self):
        """The person the complaint concerns: their name, a child's date of birth, their consent."""
        f = self.fields
        f["child_name"] = _text(PERSON_NAME_LABELS.get(self.served, PERSON_NAME_LABELS["children"]), 200)
        f["child_name"].help_text = (
            _("If that is you, you do not need to answer this.")
            if self.served != "children"
            else _("If you are the child or young person, you do not need to answer this.")
        )
        if self.served == "children":
            f["child_date_of_birth"] = DateField(
                what=_("the child's date of birth"), label=_("The child or young person's date of birth"), required=False
            )
            f["child_date_of_birth"].help_text = _("For example, 27 3 2012")
        if self.asks_consent:
            question, choices, _message = CONSENT_QUESTIONS[self.consent_from]
            f["child_agrees"] = _radio(choices, question, required=False)
        if self.routes:
            f["about_statutory"] = _radio(
                [("yes", gettext_noop("Yes")), ("no", gettext_noop("No, it is about another council service"))],
                gettext_noop("Is your complaint about a children's social care service?"),
                required=False,
            )

    def _add_what_happened(self):
        f = self.fields
        f["service"] = _text(gettext_noop("Which service is it about?"), 200)
        f["service"].help_text = (
            _("For example, the children's disability team, or your social worker's team.")
            if self.served == "children"
            else _("For example, home care, a care home, or your social worker's team.")
        )
        f["what_happened"] = _text(gettext_noop("What happened?"), 20000, long=True)
        hint = _("Tell us what happened and why you are unhappy.")
        if "names_and_dates" in self.must_tell:
            hint += " " + _("Where you can, include the names of the people involved and the dates things happened.")
        f["what_happened"].help_text = hint
        f["happened_on"] = DateField(what=_("the date it happened"), label=_("When did it happen?"), required=False)
        f["happened_on"].help_text = _("If it happened over a period, give the latest date. For example, 27 3 2026")
        if self.asks_awareness:
            f["became_aware_on"] = DateField(what=_("the date you found out"), label=_("When did you find out about it?"), required=False)
            f["became_aware_on"].help_text = _("Only if it was later than when it happened. For example, 27 3 2026")
        f["late_explanation"] = _text(gettext_noop("If it happened some time ago, why did you not complain sooner?"), 5000, long=True)
        f["late_explanation"].help_text = self.late_rule or _("Tell us anything that made it hard to complain sooner.")
        f["late_rule_shown"] = forms.BooleanField(required=False, widget=forms.HiddenInput)
        f["desired_outcome"] = _text(gettext_noop("What would put things right for you?"), 5000, long=True)

    def _add_contact(self):
        f = self.fields
        f["complainant_email"] = _text(gettext_noop("Email address"), 254, kind="email")
        f["complainant_phone"] = _text(gettext_noop("Phone number"), 40, kind="tel")
        f["complainant_address"] = _text(gettext_noop("Postal address"), 1000, long=True)
        contact = [(value, CONTACT_LABELS.get(value, label)) for value, label in PreferredContact.choices]
        f["preferred_contact"] = _radio(contact, gettext_noop("How would you like us to contact you?"), required=False)

    def _add_help(self):
        """The help on offer (only what the authority's page offers), other needs, documents."""
        f = self.fields
        support = self.procedure.support
        needs = [(key, _(label)) for key, label in NEEDS if getattr(support, key)]
        if needs:
            f["needs"] = forms.MultipleChoiceField(
                choices=needs, required=False, widget=forms.CheckboxSelectMultiple, label=_("Do you need any help to take part?")
            )
            f["needs"].govuk = "checkboxes"
            f["needs"].help_text = _("Select all that apply.")
        if support.interpreter:
            f["interpreter_language"] = _text(gettext_noop("If you need an interpreter, which language?"), 80)
        f["other_access_needs"] = _text(gettext_noop("Anything else we should do to make this easier for you?"), 2000, long=True)
        f["other_access_needs"].help_text = _("For example, large print, easy read, or a time of day that suits you.")
        f["attachments"] = MultipleFileField(label=_("Upload documents (optional)"))
        documents = (
            _("Send us any letters, emails or photos that help explain your complaint.") + " " if "documents" in self.must_tell else ""
        )
        limits = _("Up to {count} files, each smaller than {size}MB: {types}.").format(
            count=attachment_max_count(), size=attachment_max_bytes() // (1024 * 1024), types=_(ALLOWED_DESCRIPTION)
        )
        f["attachments"].help_text = documents + limits

    # -- validation --------------------------------------------------------------------------

    @property
    def submission_kind(self) -> str:
        return (self.cleaned_data.get("kind") if hasattr(self, "cleaned_data") else None) or "complaint"

    def clean_attachments(self):
        return check_uploads(self.cleaned_data.get("attachments") or [])

    def require(self, name, message):
        if name in self.fields and not self.cleaned_data.get(name) and name not in self.errors:
            self.add_error(name, ValidationError(_(message), code="required"))

    def requirements(self) -> list[Requirement]:
        """Every answer this procedure's form requires, and when (see ``Requirement``)."""
        required = list(BASE_REQUIREMENTS)
        for_child = ("complainant_relationship", tuple(c for c, _ in self.fields["complainant_relationship"].choices if c != "child"))
        if self.routes:
            required.append(
                Requirement("about_statutory", gettext_noop("Select whether your complaint is about a children's social care service"))
            )
        if "child_name" in self.must_tell:
            message = PERSON_NAME_REQUIRED.get(self.served, PERSON_NAME_REQUIRED["children"])
            required.append(Requirement("child_name", message, when=for_child))
        if self.asks_consent:
            required.append(Requirement("child_agrees", CONSENT_QUESTIONS[self.consent_from][2], when=for_child))
        if "desired_outcome" in self.must_tell:
            required.append(Requirement("desired_outcome", gettext_noop("Enter what would put things right for you")))
        return [r for r in [*required, *ANSWER_REQUIREMENTS] if r.field in self.fields]

    def clean(self):
        data = super().clean()
        kind = self.submission_kind
        for requirement in self.requirements():
            if requirement.applies(kind, data):
                self.require(requirement.field, requirement.message)
        if kind != "complaint":
            return data
        late = is_late(self.procedure, self.config, data.get("happened_on"), data.get("became_aware_on"))
        self.late = late
        if late and not (data.get("late_explanation") or "").strip() and not data.get("late_rule_shown"):
            message = _("{rule} You can still send your complaint: tell us why you did not complain sooner, or send it as it is.").format(
                rule=self.late_rule
            )
            self.add_error("late_explanation", ValidationError(message.strip(), code="late"))
            self.data = self.data.copy()
            self.data["late_rule_shown"] = "True"
        return data


def build_intake_form(config, procedure, data=None, files=None, **kwargs) -> IntakeForm:
    return IntakeForm(config, procedure, data, files, **kwargs)


def filing_arguments(form: IntakeForm) -> dict:
    """Cleaned data -> keyword arguments for ``file_complaint`` (complaints only)."""
    data = form.cleaned_data
    needs = set(data.get("needs") or [])
    details = {
        "channel": "online",
        "language": get_language() or "",  # the page's: the complainant's emails follow it
        "complainant_name": data["complainant_name"].strip(),
        "complainant_email": data.get("complainant_email") or "",
        "complainant_phone": (data.get("complainant_phone") or "").strip(),
        "complainant_address": (data.get("complainant_address") or "").strip(),
        "complainant_relationship": data["complainant_relationship"],
        "preferred_contact": data["preferred_contact"],
        "child_name": (data.get("child_name") or "").strip(),
        "child_date_of_birth": data.get("child_date_of_birth"),
        "service": data["service"].strip(),
        "what_happened": data["what_happened"].strip(),
        "happened_on": data.get("happened_on"),
        "became_aware_on": data.get("became_aware_on"),
        "late_explanation": (data.get("late_explanation") or "").strip(),
        "desired_outcome": (data.get("desired_outcome") or "").strip(),
        "needs_interpreter": "interpreter" in needs,
        "interpreter_language": (data.get("interpreter_language") or "").strip() if "interpreter" in needs else "",
        "needs_signer": "signer" in needs,
        "needs_advocate": "advocate" in needs,
        "other_access_needs": (data.get("other_access_needs") or "").strip(),
    }
    about = data.get("about_statutory") != "no"
    return {
        "points": [details["what_happened"]],
        "about_statutory_childrens_service": about,
        "procedure_slug": None if form.routes else form.procedure.slug,
        **details,
    }


def child_consent_answer(form: IntakeForm) -> str | None:
    """The child's consent as the complainant reports it, where the procedure asks."""
    answer = form.cleaned_data.get("child_agrees")
    if not form.asks_consent or form.cleaned_data.get("complainant_relationship") == ComplainantRelationship.CHILD:
        return None
    return CONSENT_ANSWERS.get(answer)
