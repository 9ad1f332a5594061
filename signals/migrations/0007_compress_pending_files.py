"""Files still waiting for the worker were stored as they came; the importer now keeps them
zlib-compressed (``importer.receive_file``). Compress the waiting ones, so they are processed."""
import zlib

from django.db import migrations


def compress(apps, schema_editor):
    Upload = apps.get_model("signals", "Upload")
    for upload in Upload.objects.filter(pending_data__isnull=False).only("pk", "pending_data"):
        Upload.objects.filter(pk=upload.pk).update(
            pending_data=zlib.compress(bytes(upload.pending_data), 1))


def decompress(apps, schema_editor):
    Upload = apps.get_model("signals", "Upload")
    for upload in Upload.objects.filter(pending_data__isnull=False).only("pk", "pending_data"):
        Upload.objects.filter(pk=upload.pk).update(
            pending_data=zlib.decompress(bytes(upload.pending_data)))


class Migration(migrations.Migration):

    dependencies = [("signals", "0006_address_index")]

    operations = [migrations.RunPython(compress, decompress)]
