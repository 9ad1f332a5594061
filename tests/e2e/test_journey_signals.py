"""Journey 2: two partner users each upload a sample file of ``tests/samples/``; UWV first
uploads the file with mistakes and sees every error at once. Each sees only their own signals.

The upload is processed by a Celery task after the request's transaction commits (in process
here, ``CELERY_TASK_ALWAYS_EAGER``); the upload page polls with htmx and reloads when done.
"""
import re

import pytest

from signals.models import Signal
from tests.e2e.conftest import SAMPLES, check_accessible, screenshot
from tests.e2e.world import zwolle

pytestmark = pytest.mark.e2e


def upload(page, project, file_name: str) -> None:
    """From the project page: Signalen aanleveren, choose the file, send it."""
    page.goto(f"{page.base_url}{project.get_absolute_url()}")
    page.get_by_role("link", name="Signalen aanleveren").click()
    page.get_by_label("Bestand (CSV of Excel .xlsx)").set_input_files(str(SAMPLES / file_name))
    page.get_by_role("button", name="Bestand aanleveren").click()
    page.wait_for_url(re.compile(r"/aanleveringen/\d+/$"))
    # Pending: the page polls; once processed it shows the outcome in the heading's alert.
    page.locator(".utrecht-alert--ok, .utrecht-alert--error, .utrecht-alert--warning").first.wait_for()
    assert page.get_by_role("heading", level=1).inner_text().endswith(file_name)


def signal_list(page) -> list[str]:
    page.get_by_role("link", name="Naar de signalen").click()
    page.wait_for_url(re.compile(r"/signalen/$"))
    return page.locator("table tbody th a").all_inner_texts()


def test_journey_2_two_partners_deliver_signals_and_see_only_their_own(open_page, world):
    project = world.project

    uwv = open_page(world.uwv_user)
    upload(uwv, project, "uwv-signalen-met-fouten.csv")
    alert = uwv.get_by_role("alert")
    assert "Het bestand is niet verwerkt" in alert.inner_text()
    assert "Er is niets opgeslagen" in alert.inner_text()
    errors = uwv.locator("table", has=uwv.locator("caption", has_text="Fouten"))
    assert errors.locator("tbody tr").count() >= 5
    for text in ("0123AB", "twaalf"):
        assert errors.get_by_text(text).count() >= 1
    screenshot(uwv, "partner-upload-errors")
    check_accessible(uwv, "upload report with errors (UWV)")
    assert not Signal.objects.filter(project=project).exists()

    uwv.get_by_role("link", name="Nog een bestand aanleveren").click()
    upload(uwv, project, "uwv-signalen-excel-nl.csv")
    stored = Signal.objects.filter(project=project, partner=world.uwv_user.partner).count()
    assert stored > 0
    assert f"{stored} signalen opgeslagen" in uwv.get_by_role("status").first.inner_text()
    signal_list(uwv)
    assert uwv.locator("caption").inner_text().startswith(f"{stored} signa")

    svb = open_page(world.svb_user)
    upload(svb, project, "svb-signalen-utf8-bom.csv")
    svb_stored = Signal.objects.filter(project=project, partner=world.svb_user.partner).count()
    assert svb_stored > 0
    svb_caption = svb.locator("caption")
    signal_list(svb)
    assert svb_caption.inner_text().startswith(f"{svb_stored} signa")
    assert svb.get_by_text("UWV-2026").count() == 0, "SVB sees UWV's references"
    assert svb.get_by_role("heading", level=1).inner_text() == "Signalen van Sociale Verzekeringsbank"

    # Each only their own: the list counts, and the other partner's signal is a 404.
    uwv.reload()
    assert uwv.locator("caption").inner_text().startswith(f"{stored} signa")
    assert uwv.get_by_text("SVB-2026").count() == 0, "UWV sees SVB's references"
    uwv_signal = Signal.objects.filter(partner=world.uwv_user.partner).first()
    svb_signal = Signal.objects.filter(partner=world.svb_user.partner).first()
    assert svb.goto(f"{svb.base_url}/signalen/{uwv_signal.pk}/").status == 404
    assert uwv.goto(f"{uwv.base_url}/signalen/{svb_signal.pk}/").status == 404
    assert svb.goto(f"{svb.base_url}/signalen/{svb_signal.pk}/").status == 200


@pytest.fixture
def world(server):
    return zwolle()
