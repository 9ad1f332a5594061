"""The shapes of the API's answers and inputs (and so of its OpenAPI schema)."""
from django.urls import reverse
from rest_framework import serializers

from projects.messages import shown
from signals.models import RequestedAddress, Signal, Upload
from signals.reader import COLUMNS, REQUIRED_COLUMNS

BATCH_STATUS = {
    Upload.Status.QUEUED: "queued", Upload.Status.PROCESSING: "processing",
    Upload.Status.ACCEPTED: "stored", Upload.Status.REJECTED: "refused",
    Upload.Status.DUPLICATE: "duplicate",
}


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Het nummer waarop de signalenlijst filtert (category).")
    code = serializers.CharField()
    name = serializers.CharField()


class ProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    phase = serializers.CharField(help_text="Fase van het project (signalering: 'signalering').")
    intake_open = serializers.BooleanField(help_text="Of deze client nu signalen kan aanleveren.")
    intake_closed_reason = serializers.CharField(allow_null=True,
                                                 help_text="Waarom niet, als intake_open onwaar is.")
    intake_deadline = serializers.DateField(allow_null=True)
    delivery = serializers.ChoiceField(choices=["vooraf", "op_verzoek", "geen"])
    categories = CategorySerializer(many=True, help_text="De afgesproken categorieën.")
    area = serializers.ListField(child=serializers.CharField(), allow_null=True,
                                 help_text="Postcodes of postcodegebieden van het project (of null).")


class RowSerializer(serializers.Serializer):
    """One signal: the columns of the delivery file."""

    postcode = serializers.CharField(max_length=10)
    huisnummer = serializers.CharField(max_length=12)
    huisletter = serializers.CharField(required=False, allow_blank=True, max_length=2)
    huisnummertoevoeging = serializers.CharField(required=False, allow_blank=True, max_length=8)
    straat = serializers.CharField(required=False, allow_blank=True, max_length=200)
    woonplaats = serializers.CharField(required=False, allow_blank=True, max_length=100)
    categorie = serializers.CharField(max_length=100)
    indicatoren = serializers.CharField(max_length=2000)
    referentie = serializers.CharField(required=False, allow_blank=True, max_length=100)
    datum_signaal = serializers.CharField(required=False, allow_blank=True,
                                          help_text="JJJJ-MM-DD of DD-MM-JJJJ")


assert set(RowSerializer().fields) == set(COLUMNS) and set(REQUIRED_COLUMNS) <= set(COLUMNS)


class RowsSerializer(serializers.Serializer):
    rows = RowSerializer(many=True, allow_empty=False)


class FileSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="Het aanleverbestand (CSV of .xlsx), als bij uploaden.")


class ErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True, help_text=(
        "Bij JSON-rijen: het volgnummer in rows (vanaf 1); bij een bestand: de rij in het "
        "bestand (de kopregel is rij 1); null: het hele bestand."))
    column = serializers.CharField(allow_blank=True)
    value = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


class ErrorCountSerializer(serializers.Serializer):
    column = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    message = serializers.CharField()
    count = serializers.IntegerField()


class BatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField()
    status = serializers.ChoiceField(choices=sorted(BATCH_STATUS.values()), help_text=(
        "queued: in de wachtrij; processing: wordt verwerkt; stored: opgeslagen; refused: "
        "afgewezen, niets opgeslagen (zie errors); duplicate: dit bestand was al aangeleverd."))
    status_url = serializers.CharField()
    received_at = serializers.DateTimeField()
    file_name = serializers.CharField()
    rows_total = serializers.IntegerField()
    rows_stored = serializers.IntegerField()
    rows_review = serializers.IntegerField(help_text="Opgeslagen met een adres ter beoordeling.")
    rows_already_delivered = serializers.IntegerField()
    errors_total = serializers.IntegerField()
    errors = ErrorSerializer(many=True, help_text="De eerste 200 fouten (of meldingen) voluit.")
    error_counts = ErrorCountSerializer(many=True, help_text="Alle fouten, geteld per kolom en soort.")

    @staticmethod
    def of(upload: Upload) -> dict:
        shift = 1 if getattr(getattr(upload, "api_delivery", None), "as_json", False) else 0
        return {
            "id": upload.pk, "project": upload.project_id, "status": BATCH_STATUS[upload.status],
            "status_url": reverse("api:batch", args=[upload.pk]), "received_at": upload.uploaded_at,
            "file_name": upload.file_name, "rows_total": upload.rows_total,
            "rows_stored": upload.rows_accepted, "rows_review": upload.rows_review,
            "rows_already_delivered": upload.rows_already_delivered,
            "errors_total": upload.errors_total,
            # Stored as a code with its values: shown in the caller's language (Accept-Language).
            "errors": [{**_plain(e), "row": e["row"] - shift if e.get("row") else e.get("row")}
                       for e in upload.errors],
            "error_counts": [{k: shown(g)[k] for k in ("column", "kind", "message", "count")}
                             for g in upload.error_counts],
        }


def _plain(stored: dict) -> dict:
    return {k: v for k, v in shown(stored).items() if k not in ("code", "params")}


class SignalSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.code")
    batch = serializers.IntegerField(source="upload_id", allow_null=True)
    address = serializers.CharField(source="address_display")

    class Meta:
        model = Signal
        fields = ["id", "project", "status", "source", "address", "typed_address", "postcode",
                  "house_number", "house_letter", "house_number_suffix", "street", "city",
                  "address_key", "category", "grounds", "reference", "signal_date", "delivered_at",
                  "batch", "withdrawn_at", "withdrawn_reason"]


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class RequestedAddressSerializer(serializers.ModelSerializer):
    answer_url = serializers.SerializerMethodField()
    signal = serializers.IntegerField(source="signal_id", allow_null=True)

    class Meta:
        model = RequestedAddress
        fields = ["id", "address_key", "address_display", "answer", "answered_at", "signal",
                  "answer_url"]

    def get_answer_url(self, item) -> str:
        return reverse("api:request_answer", args=[item.request_id, item.pk])


class InformationRequestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    created_at = serializers.DateTimeField()
    message = serializers.CharField(allow_blank=True)
    may_answer = serializers.BooleanField()
    addresses = RequestedAddressSerializer(many=True)


class AnswerSerializer(serializers.Serializer):
    has_information = serializers.BooleanField(help_text="true: een signaal (categorie en "
                                                         "indicatoren); false: geen informatie.")
    category = serializers.CharField(required=False, allow_blank=True, max_length=100)
    grounds = serializers.CharField(required=False, allow_blank=True, max_length=2000)
