"""The API for partner systems (/api/v1/): thin views over the same services and querysets as
the delivery pages. A client acts as its service user (a user of its partner); what that user
may not see is a 404; every call writes an access-log entry naming it, in the same transaction.
"""
import json

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from projects import accesslog
from projects.models import Participation, Project
from projects.refusals import Refused
from signals import importer, information_requests, rules, selectors, withdrawals
from signals.forms import SignalFilterForm
from signals.models import InformationRequest, RequestedAddress, Signal, Upload

from . import deliveries, events
from .models import ApiClient
from .problems import Problem, too_large
from .querysets import client_project_ids
from .serializers import (
    AnswerSerializer,
    BatchSerializer,
    FileSerializer,
    InformationRequestSerializer,
    ProjectSerializer,
    RequestedAddressSerializer,
    RowsSerializer,
    SignalSerializer,
    WithdrawSerializer,
)
from .throttling import ClientRateThrottle, DeliveryRateThrottle


class ClientView(APIView):
    # A view for API clients: every call is in the access log with the client's service user.

    event = ""
    object_type = ""

    @property
    def client(self) -> ApiClient:
        return self.request.auth

    def log(self, **fields) -> None:
        accesslog.record(self.request, self.event, object_type=self.object_type, **fields)

    def project(self, pk: int) -> Project:
        """A project the client reaches, else 404."""
        if pk not in client_project_ids(self.client):
            raise Http404
        return get_object_or_404(Project, pk=pk)

    def handle_exception(self, exc):
        if isinstance(exc, (Http404, exceptions.NotFound)) and isinstance(self.request.auth, ApiClient):
            accesslog.record(self.request, self.event, object_type=self.object_type,
                             ids=[str(v) for v in self.kwargs.values()], allowed=False,
                             query=self.request.get_full_path()[:500])
        return super().handle_exception(exc)


def _project_data(project: Project, client: ApiClient) -> dict:
    participation = (Participation.objects.filter(project=project, partner=client.partner)
                     .prefetch_related("categories").first())
    try:
        importer.open_participation(project, client.partner, client.user)
        reason = None
    except Refused as refused:
        reason = refused.message
    return {
        "id": project.pk, "name": project.name, "phase": project.phase,
        "intake_open": reason is None, "intake_closed_reason": reason,
        "intake_deadline": project.intake_deadline,
        "delivery": "op_verzoek" if participation.delivers_on_request else client.partner.delivery,
        "categories": [{"id": c.pk, "code": c.code, "name": c.name}
                       for c in participation.categories.all()],
        "area": project.area_items if project.is_area_based else None,
    }


class ProjectList(ClientView):
    event, object_type = events.PROJECTS, "project"

    @extend_schema(summary="Projecten waaraan de client kan aanleveren",
                   responses=ProjectSerializer(many=True))
    @transaction.atomic
    def get(self, request):
        projects = Project.objects.filter(pk__in=client_project_ids(self.client)).order_by("pk")
        data = [_project_data(p, self.client) for p in projects]
        self.log(ids=[p["id"] for p in data], rows=len(data))
        return Response(data)


class ProjectDetail(ClientView):
    event, object_type = events.PROJECTS, "project"

    @extend_schema(summary="Eén project: signaleringstermijn en afgesproken categorieën",
                   responses=ProjectSerializer)
    @transaction.atomic
    def get(self, request, pk):
        project = self.project(pk)
        self.log(ids=[project.pk], project=project, rows=1)
        return Response(_project_data(project, self.client))


IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key", str, OpenApiParameter.HEADER, required=False, description=(
        "Een eigen unieke sleutel per aanlevering (bijvoorbeeld een UUID). Dezelfde sleutel met "
        "dezelfde inhoud geeft het eerste antwoord terug en slaat niets dubbel op; dezelfde "
        "sleutel met andere inhoud wordt geweigerd (422)."))


class BatchCreate(ClientView):
    event, object_type = events.DELIVER, "upload"
    parser_classes = [JSONParser, MultiPartParser]
    throttle_classes = [ClientRateThrottle, DeliveryRateThrottle]

    @extend_schema(
        summary="Een aanlevering van signalen (alles of niets), verwerkt op de achtergrond",
        description=(
            "JSON-rijen met de kolommen van het aanleverbestand, of het bestand zelf (CSV of "
            ".xlsx) als multipart-veld `file`. Het antwoord is 202 met de status-URL; de "
            "controle per regel en kolom volgt in de status, in de taal van Accept-Language."),
        parameters=[IDEMPOTENCY],
        request={"application/json": RowsSerializer, "multipart/form-data": FileSerializer},
        responses={202: BatchSerializer, 409: OpenApiResponse(description="Aanleveren kan nu niet"),
                   413: OpenApiResponse(description="Te groot of te veel regels"),
                   422: OpenApiResponse(description="Idempotency-Key met andere inhoud")},
    )
    def post(self, request, pk):
        with transaction.atomic():
            project = self.project(pk)
        key = request.headers.get("Idempotency-Key")
        if key is not None and not 1 <= len(key.strip()) <= 255:
            raise Problem(400, "invalid", _("De Idempotency-Key heeft 1 tot 255 tekens."))
        data, name, as_json = self._body(request)
        delivery, new = deliveries.deliver(
            self.client, project, data, name, as_json=as_json, key=key and key.strip(),
            body_sha256=deliveries.digest(name.encode(), data), language=get_language())
        upload = Upload.objects.select_related("api_delivery").get(pk=delivery.upload_id)
        with transaction.atomic():
            self.log(ids=[upload.pk], project=project, query="replay" if not new else "")
        response = Response(BatchSerializer.of(upload), status=status.HTTP_202_ACCEPTED,
                            headers={"Location": BatchSerializer.of(upload)["status_url"]})
        if not new:
            response["Idempotent-Replayed"] = "true"
        return response

    def _body(self, request) -> tuple[bytes, str, bool]:
        limit = settings.LSI_UPLOAD_MAX_BYTES
        content_type = request.content_type.split(";")[0].strip().lower()
        if content_type == "application/json":
            raw = request._request.read(limit + 1)
            if len(raw) > limit:
                raise self._too_large(limit)
            try:
                parsed = json.loads(raw)
            except ValueError as error:
                raise exceptions.ParseError(_("Dit is geen geldige JSON.")) from error
            if not isinstance(parsed, dict) or set(parsed) != {"rows"}:
                raise Problem(400, "invalid", _("Geef een object met alleen 'rows'."))
            return deliveries.rows_to_csv(parsed["rows"]), deliveries.JSON_FILE_NAME, True
        if content_type == "multipart/form-data":
            uploaded = request.FILES.get("file")
            if uploaded is None:
                raise Problem(400, "invalid", _("Stuur het bestand in het veld 'file'."))
            raw = uploaded.read(limit + 1)
            if len(raw) > limit:
                raise self._too_large(limit)
            return raw, uploaded.name or "bestand.csv", False
        raise exceptions.UnsupportedMediaType(request.content_type)

    @staticmethod
    def _too_large(limit):
        return too_large(_("Een aanlevering is hoogstens %(mb)s MB.") % {"mb": limit // (1024 * 1024)},
                         limit, "bytes")


class BatchDetail(ClientView):
    event, object_type = events.BATCH, "upload"

    @extend_schema(summary="De status van een aanlevering (en de fouten als zij is afgewezen)",
                   responses=BatchSerializer)
    @transaction.atomic
    def get(self, request, upload_pk):
        upload = get_object_or_404(
            Upload.objects.visible_to(self.client.user)
            .filter(project_id__in=client_project_ids(self.client)).select_related("api_delivery"),
            pk=upload_pk)
        self.log(ids=[upload.pk], project=upload.project, rows=len(upload.errors))
        return Response(BatchSerializer.of(upload))


class SignalCursor(CursorPagination):
    page_size = 100
    ordering = "-pk"


FILTERS = [
    OpenApiParameter("q", str, description="Zoeken in referentie en straat"),
    OpenApiParameter("category", int, description="Categorie (id uit het project)"),
    OpenApiParameter("postcode", str, description="Postcode begint met"),
    OpenApiParameter("status", str, enum=[v for v, _l in Signal.Status.choices]),
    OpenApiParameter("upload", int, description="Aanlevering (id van de batch)"),
]


class SignalList(ClientView):
    event, object_type = events.SIGNALS, "signal"
    pagination_class = SignalCursor

    @extend_schema(summary="De eigen signalen in een project (cursor-paginering)",
                   parameters=FILTERS, responses=SignalSerializer(many=True))
    @transaction.atomic
    def get(self, request, pk):
        project = self.project(pk)
        form = SignalFilterForm(request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError(form.errors.get_json_data())
        signals = selectors.filtered_signals(self.client.user, project, form).select_related("category")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(signals, request, view=self)
        self.log(ids=[s.pk for s in page], project=project, rows=len(page),
                 query=request.GET.urlencode()[:500], addresses=[s.address_key for s in page])
        return paginator.get_paginated_response(SignalSerializer(page, many=True).data)


def _signal(client: ApiClient, pk: int) -> Signal:
    return get_object_or_404(
        Signal.objects.visible_to(client.user).filter(project_id__in=client_project_ids(client))
        .select_related("project", "category"), pk=pk)


class SignalDetail(ClientView):
    event, object_type = events.SIGNAL, "signal"

    @extend_schema(summary="Eén eigen signaal", responses=SignalSerializer)
    @transaction.atomic
    def get(self, request, signal_pk):
        signal = _signal(self.client, signal_pk)
        self.log(ids=[signal.pk], project=signal.project, rows=1, addresses=[signal.address_key])
        return Response(SignalSerializer(signal).data)


class SignalWithdraw(ClientView):
    event, object_type = events.WITHDRAW, "signal"

    @extend_schema(summary="Een eigen signaal intrekken, met een reden (tot de casustafel)",
                   request=WithdrawSerializer,
                   responses={200: SignalSerializer, 409: OpenApiResponse(description="Kan niet")})
    @transaction.atomic
    def post(self, request, signal_pk):
        signal = _signal(self.client, signal_pk)
        form = WithdrawSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        signal = withdrawals.withdraw(signal, self.client.user, form.validated_data["reason"])
        self.log(ids=[signal.pk], project=signal.project, rows=1, addresses=[signal.address_key])
        return Response(SignalSerializer(signal).data)


def _requests(client: ApiClient):
    return (InformationRequest.objects.visible_to(client.user)
            .filter(project_id__in=client_project_ids(client), partner=client.partner)
            .select_related("project").prefetch_related("addresses"))


def _request_data(info_request, client) -> dict:
    return {"id": info_request.pk, "project_id": info_request.project_id,
            "created_at": info_request.created_at, "message": info_request.message,
            "may_answer": rules.answer_problem(client.user, info_request) is None,
            "addresses": list(info_request.addresses.all())}


class RequestList(ClientView):
    event, object_type = events.REQUESTS, "information_request"

    @extend_schema(summary="Informatieverzoeken aan de partner (partners die op verzoek leveren)",
                   parameters=[OpenApiParameter("project", int)],
                   responses=InformationRequestSerializer(many=True))
    @transaction.atomic
    def get(self, request):
        requests = _requests(self.client)
        project = request.query_params.get("project")
        if project is not None:
            if not project.isdigit():
                raise exceptions.ValidationError({"project": [_("Geef een projectnummer.")]})
            requests = requests.filter(project_id=int(project))
        items = list(requests[:500])
        self.log(ids=[r.pk for r in items], rows=len(items),
                 addresses=[a.address_key for r in items for a in r.addresses.all()])
        return Response(InformationRequestSerializer(
            [_request_data(r, self.client) for r in items], many=True).data)


class RequestDetail(ClientView):
    event, object_type = events.REQUEST, "information_request"

    @extend_schema(summary="Eén informatieverzoek met zijn adressen",
                   responses=InformationRequestSerializer)
    @transaction.atomic
    def get(self, request, request_pk):
        info_request = get_object_or_404(_requests(self.client), pk=request_pk)
        data = _request_data(info_request, self.client)
        self.log(ids=[info_request.pk], project=info_request.project, rows=len(data["addresses"]),
                 addresses=[a.address_key for a in data["addresses"]])
        return Response(InformationRequestSerializer(data).data)


class RequestAnswer(ClientView):
    event, object_type = events.ANSWER, "information_request"

    @extend_schema(summary="Een adres van een informatieverzoek beantwoorden: signaal of geen informatie",
                   request=AnswerSerializer,
                   responses={200: RequestedAddressSerializer, 409: OpenApiResponse(description="Kan niet")})
    @transaction.atomic
    def post(self, request, request_pk, item_pk):
        info_request = get_object_or_404(_requests(self.client), pk=request_pk)
        item = get_object_or_404(RequestedAddress.objects.filter(request=info_request), pk=item_pk)
        form = AnswerSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        item = information_requests.answer(item, self.client.user, **form.validated_data)
        self.log(ids=[info_request.pk], project=info_request.project, rows=1,
                 addresses=[item.address_key])
        return Response(RequestedAddressSerializer(item).data)
