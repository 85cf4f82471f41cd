"""Results, charts and exports – only for groups the viewer may see and only above the threshold."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from people.selectors import scope_for

from . import charts, selectors
from .results import programme_results, text_page_param
from .selectors import (
    ORGANISATION,
    PHASES,
    WORKPLACE,
    group_from_param,
    groups_for,
    programmes_for_results,
    workplace_response_counts,
)

#: Query parameters that would combine groups; only ``grupp`` (one group) is accepted.
_REFUSED_PARAMS = ("organisation", "workplace", "org", "ap", "kon", "gender")


def _programme_for(request: HttpRequest, programme_id: int):
    programme = programmes_for_results(request.user).filter(pk=programme_id).first()
    if programme is None:
        raise Http404
    return programme


def _refuse_combinations(request: HttpRequest) -> HttpResponse | None:
    if len(request.GET.getlist("grupp")) > 1 or any(p in request.GET for p in _REFUSED_PARAMS):
        return render(request, "surveys/results_refused.html", status=400)
    return None


@login_required
def results_index(request: HttpRequest) -> HttpResponse:
    programmes = list(programmes_for_results(request.user))
    scope = scope_for(request.user)
    counts = []
    if scope.is_manager:
        counts = [(p, workplace_response_counts(request.user, p)) for p in programmes]
    return render(request, "surveys/results_index.html", {
        "programmes": programmes, "manager_counts": counts, "phases": PHASES, "scope": scope,
    })


def _chart_context(results) -> tuple:
    before_label, after_label = _("Före"), _("Efter")
    items = []
    change_rows = []
    for i, theme in enumerate(results.themes, start=1):
        chart = None
        if theme.options and any(theme.visible.values()):
            rows = [
                (o.label, o.percents["before"] if theme.visible["before"] else None,
                 o.percents["after"] if theme.visible["after"] else None)
                for o in theme.options
            ]
            chart = charts.distribution_chart(
                chart_id=f"chart-{i}",
                title=_("Svarsfördelning: %(text)s") % {"text": theme.text},
                desc=_("Andel av de svarande i procent per svarsalternativ, före och efter. Samma siffror finns i tabellen."),
                rows=rows, before_label=before_label, after_label=after_label,
            )
        if theme.paired is not None:
            label = f"{theme.text} (0–10)" if theme.scale_max == 10 else theme.text
            change_rows.append((label, theme.paired.mean_change, theme.paired.ci_low, theme.paired.ci_high))
        items.append({"theme": theme, "chart": chart, "chart_id": f"chart-{i}"})
    change = None
    if change_rows:
        change = charts.change_chart(
            chart_id="chart-change",
            title=_("Förändring från före till efter"),
            desc=_("Medelförändring per fråga för personer som svarat både före och efter, med 95 % konfidensintervall. Till höger om noll är bättre."),
            rows=change_rows,
        )
    return items, change


def _text_pages(request: HttpRequest, programme) -> dict[str, int]:
    """``?sida-<theme>=N``: the page of each free-text question's answers (first by default)."""
    pages = {}
    for key in request.GET:
        if key.startswith("sida-"):
            number = request.GET.get(key, "")
            pages[key.removeprefix("sida-")] = int(number) if number.isdigit() else 1
    return pages


@login_required
def results_detail(request: HttpRequest, programme_id: int) -> HttpResponse:
    refused = _refuse_combinations(request)
    if refused:
        return refused
    programme = _programme_for(request, programme_id)
    groups = groups_for(request.user, programme)
    group = group_from_param(groups, request.GET.get("grupp"))
    language = get_language() or "sv"
    results = programme_results(
        programme=programme, group=group, language=language, text_pages=_text_pages(request, programme)
    )
    items, change = _chart_context(results)
    return render(request, "surveys/results_detail.html", {
        "programme": programme,
        "group": group,
        "groups": groups,
        "results": results,
        "items": items,
        "change_chart": change,
        "phases": PHASES,
        "phase_labels": [(PHASES[0], _("Före")), (PHASES[1], _("Efter"))],
        "rates": {p: results.response_rate(p) for p in PHASES},
        "can_export": selectors.can_export_responses(request.user),
        "is_subgroup": group.level in (ORGANISATION, WORKPLACE),
        "text_links": _text_links(request, results),
    })


def _text_links(request: HttpRequest, results) -> dict[str, dict[str, str]]:
    """Per free-text theme: links to its previous and next page, keeping the other parameters
    (the group, the other questions' pages) as they are."""
    links: dict[str, dict[str, str]] = {}
    for theme in results.themes:
        page = theme.text_page
        if page is None or page.pages < 2:
            continue
        anchor = f"#fritext-{theme.theme_key}"
        own = {}
        for label, number in (("previous", page.number - 1), ("next", page.number + 1)):
            if 1 <= number <= page.pages:
                query = request.GET.copy()
                query[text_page_param(theme.theme_key)] = str(number)
                own[label] = f"?{query.urlencode()}{anchor}"
        links[theme.theme_key] = own
    return links


def refuse_if_not_allowed(user, programme) -> None:
    """Row-level data is for the evaluation only: programme admins, never HR or managers
    (docs/anonymity.md, "Who sees what")."""
    if not selectors.can_export_responses(user):
        raise PermissionDenied


@login_required
def export(request: HttpRequest, programme_id: int, fmt: str) -> HttpResponse:
    """Anonymised response data for the evaluator (programme admins only)."""
    from . import exports

    programme = _programme_for(request, programme_id)
    refuse_if_not_allowed(request.user, programme)
    data = exports.data_rows(programme)
    name = f"enkatsvar-{programme.pk}"
    if fmt == "xlsx":
        content = exports.xlsx_bytes(data, exports.codebook_rows(programme, language=get_language()))
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    elif fmt == "csv":
        response = HttpResponse(exports.csv_bytes(data), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        raise Http404
    response["Cache-Control"] = "no-store"
    return response


@login_required
def codebook(request: HttpRequest, programme_id: int) -> HttpResponse:
    from . import exports

    programme = _programme_for(request, programme_id)
    refuse_if_not_allowed(request.user, programme)
    response = HttpResponse(exports.csv_bytes(exports.codebook_rows(programme, language=get_language())), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kodbok-{programme.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response
