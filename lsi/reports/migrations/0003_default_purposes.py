"""The purposes of the processing, each with its own basis (the privacy officer maintains them)."""
from django.db import migrations

from lsi.reports.purposes import PURPOSES

def add(apps, schema_editor):
    from lsi.reports.purposes import add_defaults

    add_defaults(apps.get_model("reports", "ProcessingPurpose"),
                 apps.get_model("reports", "HistoricalProcessingPurpose"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_processing_purposes")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
