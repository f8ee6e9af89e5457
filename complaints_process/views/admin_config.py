"""Process administrators edit their authority's process config as YAML in the admin.

* Edit: the YAML of the current version, as written (comments and ``extends`` kept), in a
  line-numbered editor.  "Check and preview"
  validates it with the same loader as files (``load_authority_text``: every problem as
  ``line:column: message``) and shows the guidance sentences and the "what to expect"
  dates (from a chosen day) exactly as the guidance page will word them, and what the draft
  would have done to the authority's cases received in a period (``admin_simulation``: the
  cases replayed under it, compared with what happened).  "Publish" stores
  it as a new version (``publish_config`` with ``source_name=ADMIN_SOURCE``): open cases
  keep their pinned version; a later load of every file keeps it (and says so), a load
  naming its file stops at ``AdminVersionConflict`` unless forced.
* Form: the same config's tunable values (timescales, extension limits, escalation
  windows, reminders, stage names, the time limit, closure days) as admin fields
  (``forms.process.ProcessForm``): checked by the same loader, previewed the same way,
  published the same way.  The form writes the changed values into the version's own YAML
  (``core.config.roundtrip``: comments and ``extends`` kept) when that reads back to the same
  config, else it stores the resolved YAML it produced.
* Both previews list what publishing would change: a diff of the current and the new
  resolved configs (``services.configs.changes``), above the guidance sentences.
* Law: "Check and preview" lists every place the config departs from the law its template
  states (``lawcheck``: the config line and the regulation).  Publishing a version that newly
  leaves the complainant worse off than the law needs a reason, kept on the version.
* History: every version, where it came from, who published it, the reason given for any
  departure from the law, and an export of each as standalone YAML (resolved: loads with no
  template files beside it).

Only the authority's process administrators (and superusers) reach these views
(``permission_policies.process_configs``); anyone
else gets 404.  The config's ``slug`` must be the authority's own.
"""

from __future__ import annotations

import json
from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView, View

from complaints_process import conf
from complaints_process.blocks.content import clock_items
from complaints_process.blocks.what_to_expect import timeline_groups
from complaints_process.core import wording
from complaints_process.core.config import ConfigError, ConfigInvalid, authority_data, lawcheck, load_authority_text
from complaints_process.core.config.loader import PACKAGED_CONFIGS_ROOT, load_template_file, template_names, template_path
from complaints_process.core.config.translations import read_translations, translation_gaps
from complaints_process.forms.new_authority import NewAuthorityForm
from complaints_process.forms.process import ProcessForm
from complaints_process.models import Authority
from complaints_process.permission_policies import cases as case_policy
from complaints_process.permission_policies import process_configs
from complaints_process.services.configs import ADMIN_SOURCE, ReasonRequired, changes, publish_config, rights_taken

from .admin_page import AdminPageMixin
from .admin_simulation import simulation_context, simulation_period


def administered(user):
    return process_configs.authorities_for_user(user, "change")


def get_administered(user, slug):
    authority = administered(user).filter(slug=slug).first()
    if authority is None:
        raise Http404(gettext("No such authority."))
    return authority


def current_text(authority) -> str:
    """The current version's own YAML, comments and ``extends`` included (a template's
    values are read from its file when checked), or the resolved config if it has none."""
    version = authority.current_version()
    if version is None:
        return ""
    if not version.source_text.strip():
        return version.export_text()
    return version.source_text


def preview(config, received: date) -> list[dict]:
    """What the guidance page will say, per procedure: its sentences and dated steps."""
    calendar = config.working_calendar()
    result = []
    for procedure in config.procedures:
        result.append(
            {
                "name": procedure.name,
                "first_clocks": clock_items(procedure.procedure_clocks, procedure),
                "stages": [
                    {"heading": wording.stage_heading(procedure, stage), "clocks": clock_items(stage.clocks, procedure)}
                    for stage in procedure.stages
                ],
                "eligibility": wording.eligibility_sentences(procedure.eligibility),
                "timeline": timeline_groups(procedure, received, calendar),
            }
        )
    return result


def law_context(authority, config, received: date) -> dict:
    """Every departure from the law, as warnings with their config line and regulation, and
    those that newly leave the complainant worse off (publishing them needs a reason)."""
    taken = rights_taken(config, authority.current_version(), received.year)
    return {
        "law_warnings": [
            {"line": d.line, "message": d.message(), "takes_a_right": d.takes_a_right} for d in lawcheck(config, received.year)
        ],
        "needs_reason": bool(taken),
    }


def translation_context(authority, config, text: str) -> dict:
    """Where the draft's ``translations:`` and its English no longer meet, per language (also
    a language the current version translates and the draft no longer does)."""
    current = authority.current_version()
    languages = current.translations().keys() if current is not None else ()
    return {"translation_gaps": translation_gaps(config, read_translations(text), languages=languages)}


def publish(request, authority, config, text, received):
    """Publish from either editor; None when a reason is needed and missing (the view re-renders)."""
    try:
        result = publish_config(
            config, source_text=text, source_name=ADMIN_SOURCE, user=request.user, reason=request.POST.get("reason", "")
        )
    except ReasonRequired:
        return None
    if result.created:
        messages.success(
            request,
            gettext("Published version %(number)s. Open cases keep the version they started under.") % {"number": result.version.number},
        )
    else:
        messages.info(
            request, gettext("Nothing changed: version %(number)s is already this configuration.") % {"number": result.version.number}
        )
    return HttpResponseRedirect(reverse("complaints_process_config:history", args=[authority.slug]))


REASON_MISSING = gettext_lazy(
    "This version leaves the complainant worse off than the law (see the warnings): give the reason to publish it."
)


def numbered(text: str, errors: list[ConfigError]) -> list[dict]:
    bad = {}
    for error in errors:
        bad.setdefault(error.line, []).append(error)
    return [{"number": n, "text": line, "errors": bad.get(n, [])} for n, line in enumerate(text.splitlines(), start=1)]


def process_crumbs(view) -> list[tuple[str, str]]:
    return [(gettext("Process configuration"), reverse("complaints_process_config:index"))]


class ConfigListView(AdminPageMixin, TemplateView):
    template_name = "complaints_process/admin/config/list.html"
    page_title = gettext_lazy("Process configuration")
    header_icon = "cogs"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["authorities"] = [(a, a.current_version()) for a in administered(self.request.user).order_by("name")]
        context["may_add"] = process_configs.user_may_add_authority(self.request.user)
        return context

    def dispatch(self, request, *args, **kwargs):
        if not process_configs.user_may_open(request.user):
            raise Http404(gettext("No such page."))
        return super().dispatch(request, *args, **kwargs)


def template_choices() -> list[tuple[str, str]]:
    """``("base/NAME", "its procedure's name: the template's name")`` for every template."""
    root = conf.configs_dir()
    choices = []
    for name in sorted(set(template_names(root)) | set(template_names(PACKAGED_CONFIGS_ROOT))):
        try:
            template = load_template_file(template_path(root, name), configs_root=root)
        except ConfigInvalid:
            continue
        choices.append((name, f"{template.procedure.name}: {template.name}"))
    return choices


def new_authority_text(data: dict) -> str:
    """The first version of a new authority: its own values and the chosen templates, with a
    comment saying where each comes from (kept by both editors afterwards)."""
    lines = [
        f"# {data['name']}: added in the admin. Each procedure starts as its template says;",
        "# write below only what your own guidance says differently, quoting it in a comment.",
        "authority:",
        f"  slug: {data['slug']}",
        f"  name: {json.dumps(data['name'], ensure_ascii=False)}",
        f"  reference_prefix: {data['reference_prefix']}",
        "  calendar:",
        f"    nation: {data['nation']}",
        "    closures: []",
        "",
        "procedures:",
    ]
    for name in data["templates"]:
        template = load_template_file(template_path(conf.configs_dir(), name), configs_root=conf.configs_dir())
        lines += [f"  - slug: {template.procedure.slug}", f"    extends: {name}"]
    return "\n".join(lines) + "\n"


class AuthorityAddView(AdminPageMixin, TemplateView):
    """A new authority with its first process version, from templates: published like any
    admin edit (its teams are created with it), then opened in the YAML editor."""

    template_name = "complaints_process/admin/config/add.html"
    page_title = gettext_lazy("Add an authority")
    header_icon = "plus"

    def parent_crumbs(self):
        return [(gettext("Process configuration"), reverse("complaints_process_config:index"))]

    def dispatch(self, request, *args, **kwargs):
        if not process_configs.user_may_add_authority(request.user):
            raise Http404(gettext("No such page."))
        return super().dispatch(request, *args, **kwargs)

    def make_form(self, data=None):
        return NewAuthorityForm(
            data,
            templates=template_choices(),
            taken_slugs=Authority.objects.values_list("slug", flat=True),
            taken_prefixes=Authority.objects.values_list("reference_prefix", flat=True),
        )

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request):
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        text = new_authority_text(form.cleaned_data)
        try:
            config = load_authority_text(text, name=f"{form.cleaned_data['slug']}.yaml", configs_root=conf.configs_dir())
        except ConfigInvalid as invalid:
            for error in invalid.errors:
                form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        result = publish_config(config, source_text=text, source_name=ADMIN_SOURCE, user=request.user)
        messages.success(
            request,
            gettext(
                "Added %(name)s with version %(number)s of its process, from its templates. "
                "Change what its own guidance says differently, then give it a pages section under Settings, Authorities."
            )
            % {"name": config.name, "number": result.version.number},
        )
        return HttpResponseRedirect(reverse("complaints_process_config:edit", args=[config.slug]))


class ConfigEditView(AdminPageMixin, TemplateView):
    template_name = "complaints_process/admin/config/edit.html"
    header_icon = "cogs"

    def dispatch(self, request, slug):
        self.authority = get_administered(request.user, slug)
        return super().dispatch(request, slug)

    def get_page_title(self):
        return gettext("Edit the process: %(name)s") % {"name": self.authority.name}

    parent_crumbs = process_crumbs

    def get(self, request, slug):
        return self.render_to_response(self.get_context_data(text=current_text(self.authority), received=timezone.localdate()))

    def post(self, request, slug):
        text = request.POST.get("yaml", "").replace("\r\n", "\n")
        received = received_day(request.POST)
        name = f"{self.authority.slug}.yaml"
        try:
            config = load_authority_text(text, name=name, configs_root=conf.configs_dir())
            read_translations(text, name=name)
        except ConfigInvalid as invalid:
            return self.render_to_response(self.get_context_data(text=text, received=received, errors=invalid.errors), status=400)
        if config.slug != self.authority.slug:
            error = ConfigError(
                name, 1, 1, gettext("slug must stay '%(slug)s': this editor changes this authority only") % {"slug": self.authority.slug}
            )
            return self.render_to_response(self.get_context_data(text=text, received=received, errors=[error]), status=400)
        law = law_context(self.authority, config, received)
        if "publish" in request.POST:
            published = publish(request, self.authority, config, text, received)
            if published is not None:
                return published
            law["reason_error"] = REASON_MISSING
        simulation = simulation_context(
            self.authority, config, request.POST, detail=case_policy.user_has_permission_for_authority(request.user, "view", self.authority)
        )
        context = self.get_context_data(
            text=text,
            received=received,
            preview=preview(config, received),
            changes=changes(self.authority.current_version(), config),
            simulation=simulation,
            valid=True,
            **law,
            **translation_context(self.authority, config, text),
        )
        return self.render_to_response(context, status=400 if "reason_error" in law else 200)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        errors = kwargs.get("errors") or []
        context.update(period_fields(self.request))
        context.update(
            authority=self.authority,
            version=self.authority.current_version(),
            lines=numbered(kwargs.get("text", ""), errors),
            errors=[{"line": e.line, "column": e.column, "message": e.message} for e in errors],
        )
        return context


def period_fields(request) -> dict:
    """The simulation's period as the form shows it: what was asked for, or the default."""
    start, end, _ = simulation_period(request.POST if request.method == "POST" else {})
    return {"simulate_from": start, "simulate_to": end}


def received_day(data) -> date:
    try:
        return date.fromisoformat((data.get("received") or "").strip())
    except ValueError:
        return timezone.localdate()


class ConfigFormView(AdminPageMixin, TemplateView):
    """The structured editor.  Publishing from a form opened on an older version is refused:
    someone else published meanwhile, and their change would be silently undone."""

    template_name = "complaints_process/admin/config/form.html"
    header_icon = "cogs"

    def dispatch(self, request, slug):
        self.authority = get_administered(request.user, slug)
        self.version = self.authority.current_version()
        if self.version is None:
            raise Http404(gettext("This authority has no process configuration yet."))
        return super().dispatch(request, slug)

    def get_page_title(self):
        return gettext("Edit the timescales: %(name)s") % {"name": self.authority.name}

    parent_crumbs = process_crumbs

    def make_form(self, data=None):
        return ProcessForm(
            authority_data(self.version.english_config()), data, base_version=self.version.number, source_text=self.version.source_text
        )

    def get(self, request, slug):
        return self.render_to_response(self.get_context_data(form=self.make_form(), received=timezone.localdate()))

    def post(self, request, slug):
        form = self.make_form(request.POST)
        received = received_day(request.POST)
        config = form.load(name=f"{self.authority.slug}.yaml", configs_root=conf.configs_dir())
        stale = form.is_bound and form.cleaned_data.get("base_version") not in (None, self.version.number)
        if stale:
            form.add_error(
                None,
                gettext(
                    "Version %(number)s was published after you opened this form, so nothing was published. "
                    "Your values are kept below: check them against the new version, then publish again."
                )
                % {"number": self.version.number},
            )
            config = None
        if config is None:
            return self.render_to_response(self.get_context_data(form=form, received=received), status=400)
        law = law_context(self.authority, config, received)
        if "publish" in request.POST:
            published = publish(request, self.authority, config, form.text, received)
            if published is not None:
                return published
            law["reason_error"] = REASON_MISSING
        simulation = simulation_context(
            self.authority, config, request.POST, detail=case_policy.user_has_permission_for_authority(request.user, "view", self.authority)
        )
        context = self.get_context_data(
            form=form,
            received=received,
            preview=preview(config, received),
            changes=changes(self.version, config),
            simulation=simulation,
            valid=True,
            **law,
            **translation_context(self.authority, config, form.text),
        )
        return self.render_to_response(context, status=400 if "reason_error" in law else 200)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(period_fields(self.request))
        context.update(authority=self.authority, version=self.version)
        return context


class ConfigHistoryView(AdminPageMixin, TemplateView):
    template_name = "complaints_process/admin/config/history.html"
    header_icon = "history"

    def dispatch(self, request, slug):
        self.authority = get_administered(request.user, slug)
        return super().dispatch(request, slug)

    def get_page_title(self):
        return gettext("Process versions: %(name)s") % {"name": self.authority.name}

    parent_crumbs = process_crumbs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = self.authority.config_versions.select_related("created_by").order_by("-number")
        context.update(authority=self.authority, versions=versions, admin_source=ADMIN_SOURCE)
        year = timezone.localdate().year
        # Departures from the law of each version (the latest 50), beside the reason given.
        context["rows"] = [(version, lawcheck(version.config(), year) if index < 50 else None) for index, version in enumerate(versions)]
        return context


class ConfigExportView(View):
    def get(self, request, slug, number):
        authority = get_administered(request.user, slug)
        version = authority.config_versions.filter(number=number).first()
        if version is None:
            raise Http404(gettext("No such version."))
        response = HttpResponse(version.export_text(), content_type="application/yaml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{authority.slug}-v{version.number}.yaml"'
        return response
