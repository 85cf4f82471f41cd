"""The API's endpoints (``/api/v1/``). Each is short: it reads its parameters, asks a selector
or service of the app whose question it answers, and serialises. Scope comes from the token:
``request.user`` is an :class:`api.auth.Integration` with HR's scope in one organisation."""

from __future__ import annotations

import datetime
import hashlib
import logging

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import pagination, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from django.core.exceptions import ValidationError
from django.http import HttpResponseNotModified
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import Programme
from people.import_limits import FileLimits, ImportFileError, check_size
from people.importing import read_employee_file
from people.selectors import workplaces_for
from people.services import employee_import
from sessions import params

from . import selectors as api_selectors
from . import serializers
from .problems import CONTENT_TYPE, Problem, problem
from .services import api_token_use_record

logger = logging.getLogger(__name__)

PROBLEM = OpenApiResponse(serializers.ProblemSerializer, description=gettext_lazy("Problembeskrivning (RFC 9457)."))
ERRORS = dict.fromkeys((400, 401, 403, 404, 429), PROBLEM)

MONTH = OpenApiParameter("month", str, description=gettext_lazy("Månaden, ÅÅÅÅ-MM."))
WORKPLACE = OpenApiParameter("workplace", int, description=gettext_lazy("Bara den här arbetsplatsen (id)."))
PROGRAMME = OpenApiParameter(
    "programme", int, description=gettext_lazy("Programmets id; utan det det senast startade programmet.")
)
UPDATED_SINCE = OpenApiParameter(
    "updated_since", str, description=gettext_lazy("Bara det som ändrats sedan denna tidpunkt (ISO 8601).")
)


def _bad_parameter(message: str) -> Problem:
    return Problem(
        status_code=status.HTTP_400_BAD_REQUEST, slug="bad-parameter", title=_("Ogiltig parameter"), detail=message
    )


class CursorPage(pagination.CursorPagination):
    """Pages by id: rows added while a client pages through appear at the end, none twice."""

    ordering = "pk"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class ApiView(APIView):
    """Records every use of a token, answers ``If-None-Match`` with 304, and answers an
    unexpected failure as a problem document too (logged with its traceback)."""

    def handle_exception(self, exc):
        try:
            return super().handle_exception(exc)
        except Exception:
            logger.exception("API request failed: %s", self.request.get_full_path())
            return Response(
                problem(500, _("Ett oväntat fel inträffade. Försök igen senare.")),
                status=status.HTTP_500_INTERNAL_SERVER_ERROR,
                content_type=CONTENT_TYPE,
            )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method == "GET" and response.status_code == status.HTTP_200_OK:
            response.render()
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["ETag"] = etag
            wanted = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
            if etag in wanted or f"W/{etag}" in wanted:
                response = HttpResponseNotModified()
                response["ETag"] = etag
        token = getattr(request._request, "api_token", None)
        if token is not None:
            api_token_use_record(
                token=token, method=request.method, path=request.get_full_path(), status=response.status_code
            )
        return response

    # ------------------------------------------------------------- parameters

    def month(self, *, required: bool = False) -> datetime.date | None:
        value = self.request.query_params.get("month")
        try:
            return params.month(value) if (value or required) else None
        except params.BadParameter as exc:
            raise _bad_parameter(exc.message) from exc

    def object_id(self, name: str, what: str) -> int | None:
        value = self.request.query_params.get(name)
        if not value:
            return None
        try:
            return params.object_id(value, what=what)
        except params.BadParameter as exc:
            raise _bad_parameter(exc.message) from exc

    def workplace_id(self) -> int | None:
        pk = self.object_id("workplace", _("arbetsplats"))
        if pk is not None and not workplaces_for(self.request.user).filter(pk=pk).exists():
            raise _bad_parameter(_("Okänd arbetsplats."))
        return pk

    def programme(self) -> Programme:
        pk = self.object_id("programme", _("program"))
        if pk is not None:
            return get_object_or_404(Programme, pk=pk)
        programme = Programme.objects.order_by("-starts_on", "-pk").first()
        if programme is None:
            raise Problem(status_code=404, slug="no-programme", title=_("Inget program"),
                          detail=_("Det finns inget program ännu."))
        return programme

    def updated_since(self) -> datetime.datetime | None:
        value = self.request.query_params.get("updated_since")
        if not value:
            return None
        try:
            # "+01:00" unencoded in a query string arrives as " 01:00".
            moment = parse_datetime(value.replace(" ", "+"))
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise _bad_parameter(_("Ange updated_since som en tidpunkt med tidszon, t.ex. 2024-03-01T00:00:00+01:00."))
        return moment

    def paginated(self, queryset, serializer_class, *, read=None, **context):
        """One page of ``queryset``; ``read`` completes the page's rows before they are written."""
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, self.request, view=self)
        if read is not None:
            page = read(page)
        return paginator.get_paginated_response(serializer_class(page, many=True, context=context).data)


class HoursView(ApiView):
    pagination_class = CursorPage  # also tells the schema the list comes in pages

    @extend_schema(
        operation_id="hours_list",
        summary=gettext_lazy("Timmar per anställd och spår"),
        description=gettext_lazy(
            "Varje anställd i organisationen med sina minuter per spår, som i HR-rapporten "
            "«Timmar per anställd»: närvaro plus korrigeringar, för en månad eller totalt."
        ),
        parameters=[MONTH, PROGRAMME, WORKPLACE],
        responses={200: serializers.EmployeeHoursSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        programme = self.programme()
        month = self.month()
        rows = api_selectors.employee_hours(request.user, workplace_id=self.workplace_id())
        targets = {track.kind: track.target_minutes for track in programme.tracks.all()}
        return self.paginated(
            rows, serializers.EmployeeHoursSerializer, targets=targets,
            read=lambda page: api_selectors.employee_hours_page(page, people=rows, programme=programme, month=month),
        )


class SessionsView(ApiView):
    pagination_class = CursorPage  # also tells the schema the list comes in pages

    @extend_schema(
        operation_id="sessions_list",
        summary=gettext_lazy("Samtalstillfällen"),
        description=gettext_lazy(
            "Organisationens tillfällen och de öppna preparandtillfällen dess anställda är inbjudna till."
        ),
        parameters=[MONTH, WORKPLACE, UPDATED_SINCE],
        responses={200: serializers.SessionSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        rows = api_selectors.integration_sessions(
            request.user, month=self.month(), workplace_id=self.workplace_id(), updated_since=self.updated_since()
        )
        return self.paginated(rows, serializers.SessionSerializer)


class AttendanceView(ApiView):
    pagination_class = CursorPage  # also tells the schema the list comes in pages

    @extend_schema(
        operation_id="attendance_list",
        summary=gettext_lazy("Närvaro"),
        description=gettext_lazy(
            "Närvaro för organisationens anställda vid tillfällen som inte ställts in. Arbetsplats "
            "filtrerar på den anställdas arbetsplats."
        ),
        parameters=[MONTH, WORKPLACE, UPDATED_SINCE],
        responses={200: serializers.AttendanceSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        rows = api_selectors.integration_attendance(
            request.user, month=self.month(), workplace_id=self.workplace_id(), updated_since=self.updated_since()
        )
        return self.paginated(rows, serializers.AttendanceSerializer)


class CofinancingView(ApiView):
    @extend_schema(
        operation_id="cofinancing_retrieve",
        summary=gettext_lazy("Medfinansiering per månad och kön"),
        description=gettext_lazy(
            "Deltagartid i månaden per kön, avrundad enligt programmets regel och värderad med dess timkostnad."
        ),
        parameters=[OpenApiParameter("month", str, required=True, description=gettext_lazy("Månaden, ÅÅÅÅ-MM.")),
                    PROGRAMME],
        responses={200: serializers.CofinancingSerializer, **ERRORS},
    )
    def get(self, request):
        programme = self.programme()
        month = self.month(required=True)
        data = api_selectors.cofinancing(request.user, programme=programme, month=month)
        return Response(serializers.CofinancingSerializer(data).data)


class EmployeeImportView(ApiView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="employees_import",
        summary=gettext_lazy("Importera anställda"),
        description=gettext_lazy(
            "Samma import som i administrationen: samma kontroller, felmeddelanden per rad på svenska, "
            "allt eller inget och samma skydd mot att många markeras som slutade. Kräver behörigheten write."
        ),
        request={"multipart/form-data": serializers.ImportRequestSerializer},
        responses={
            200: serializers.ImportResultSerializer,
            409: PROBLEM,
            413: PROBLEM,
            422: PROBLEM,
            **ERRORS,
        },
    )
    def post(self, request):
        form = serializers.ImportRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        try:
            check_size(upload.size, FileLimits.from_settings())
        except ImportFileError as exc:
            raise Problem(status_code=413, slug="import-file-too-large", title=_("För stor fil"), detail=str(exc)) from exc
        table = read_employee_file(upload.read(), upload.name)
        try:
            result = self.run_import(request, table, form.validated_data)
        except ValidationError as exc:  # the number of leavers is not the one expected
            raise Problem(status_code=409, slug="import-leavers-changed", title=_("Antalet som slutar stämmer inte"),
                          detail=" ".join(exc.messages)) from exc
        body = api_selectors.import_result_data(result)
        if result.has_errors:
            raise Problem(
                status_code=422,
                slug="import-invalid",
                title=_("Filen har fel"),
                detail=" ".join([*result.file_errors, _("Filen har fel. Ingenting har importerats.")]),
                errors=[row for row in body["rows"] if row["errors"]],
                counts=body["counts"],
            )
        return Response(serializers.ImportResultSerializer(body).data)

    def run_import(self, request, table, data):
        return employee_import(
            importer=None,  # the token is bound to its organisation; rows of others are errors
            table=table,
            organisation=request.auth.organisation,
            dry_run=data["dry_run"],
            update_only=data["update_only"],
            allow_mass_leavers=data["allow_mass_leavers"],
            expected_leavers=data.get("expected_leavers"),
        )
