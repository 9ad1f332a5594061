"""Notifications by e-mail, delivered to a real SMTP server process (aiosmtpd): written in the
transaction of their event, sent once with a stable Message-ID, kept when the server is down and
delivered once it is back, bundled into one digest, and never carrying personal data."""
import smtplib

import pytest
from django.db import transaction

from projects import agreement, lifecycle, notifications, plans
from projects.models import Notification, NotificationPreference, User
from projects.phases import Phase
from projects.postcodes import mentions_address
from tests.factories import PartnerFactory, UserFactory, make_lead, project_in_phase


@pytest.fixture
def approved(db, coordinator):
    a, b = PartnerFactory(code="PA"), PartnerFactory(code="PB")
    users = [UserFactory(username=f"{p.code.lower()}-user", partner=p,
                         email=f"{p.code.lower()}@example.nl") for p in (a, b)]
    lead = UserFactory(partner=a, email="lead@example.nl")
    project = project_in_phase(Phase.READY, partners=[a, b], lead=lead)
    return project, users


def test_opening_the_intake_mails_each_partner_once_with_a_stable_message_id(
        smtp, approved, coordinator, django_capture_on_commit_callbacks):
    project, users = approved
    # The rows are written in the event's transaction; the mails go out after its commit.
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.close_phase(project, coordinator, "Signalering open")
        rows = list(Notification.objects.filter(kind="intake_opened"))
        # Written in the event's transaction, one per user of each participating partner.
        everyone = set(User.objects.filter(partner__participations__project=project, is_active=True))
        assert {row.recipient for row in rows} == everyone and set(users) <= everyone
    received = smtp.messages()
    assert sorted(m["To"] for m in received) == sorted(u.email for u in everyone)
    assert {m["Message-ID"] for m in received} == {row.message_id for row in rows}
    assert all(project.name in m["Subject"] for m in received)
    assert Notification.objects.filter(kind="intake_opened", status="verzonden").count() == len(everyone)
    # A row marked sent is never sent again.
    for row in rows:
        assert notifications.send(row.pk) == "verzonden"
    assert len(smtp.messages()) == len(everyone)


def test_with_the_smtp_server_down_nothing_is_lost_and_each_is_delivered_once_after(smtp, approved):
    project, users = approved
    smtp.stop()
    with transaction.atomic():
        (row,) = notifications.notify("plan_decided", [users[0]], project=project, link="/x/")
    with pytest.raises((smtplib.SMTPException, OSError)):
        notifications.send(row.pk)  # what the task does; it retries with back-off
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("wacht", 1) and "Error" in row.last_error
    smtp.start()
    assert notifications.send(row.pk) == "verzonden"
    assert notifications.send(row.pk) == "verzonden"
    (message,) = smtp.messages()
    assert message["Message-ID"] == row.message_id


def test_a_message_that_keeps_failing_is_marked_failed_with_the_error(smtp, approved):
    project, users = approved
    smtp.stop()
    (row,) = notifications.notify("plan_decided", [users[0]], project=project, link="/x/")
    for _ in range(notifications.MAX_ATTEMPTS - 1):
        with pytest.raises((smtplib.SMTPException, OSError)):
            notifications.send(row.pk)
    assert notifications.send(row.pk) == "mislukt"
    row.refresh_from_db()
    assert row.status == "mislukt" and row.last_error
    assert row.history.filter(history_change_reason="Verzenden mislukt").count() == notifications.MAX_ATTEMPTS


def test_a_thousand_events_make_one_digest_per_user(smtp, approved):
    project, users = approved
    notifications.set_preference(users[0], "information_request", NotificationPreference.Mode.DIGEST)
    with transaction.atomic():
        for _ in range(1000):
            notifications.notify("information_request", [users[0]], project=project, link="/verzoek/")
    assert smtp.messages() == []
    assert notifications.send_digests() == 1
    (digest,) = smtp.messages()
    assert digest["To"] == users[0].email and "1000" in digest["Subject"]
    assert not Notification.objects.filter(status="wacht", digest=True).exists()


def test_a_mandatory_kind_cannot_be_switched_off(approved):
    _project, users = approved
    notifications.set_preference(users[0], "assignment_made", NotificationPreference.Mode.OFF)
    assert notifications.mode_for(users[0], "assignment_made") == NotificationPreference.Mode.DIGEST
    notifications.set_preference(users[0], "report_ready", NotificationPreference.Mode.OFF)
    assert notifications.notify("report_ready", [users[0]], link="/r/") == []


def test_a_user_gets_e_mails_in_their_own_language(smtp, approved, django_capture_on_commit_callbacks):
    project, users = approved
    users[1].language = "en"
    users[1].save()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify("plan_decided", users, project=project, link="/p/")
    subjects = {m["To"]: m["Subject"] for m in smtp.messages()}
    assert subjects["pa@example.nl"].startswith("Besluit over het plan")
    assert subjects["pb@example.nl"].startswith("Decision on the plan")


def test_the_settings_on_my_account(approved, client_for):
    _project, users = approved
    client = client_for(users[0])
    page = client.get("/account/")
    assert "Berichten per e-mail" in page.content.decode()
    data = {"language": "en", **{f"kind_{k}": "direct" for k in notifications.KINDS},
            "kind_report_ready": "uit"}
    assert client.post("/account/", data).status_code == 302
    users[0].refresh_from_db()
    assert users[0].language == "en"
    assert notifications.mode_for(users[0], "report_ready") == "uit"
    preference = NotificationPreference.objects.get(user=users[0], kind="report_ready")
    assert preference.history.first().history_user == users[0]


def test_a_proposal_to_take_part_mails_the_partners_users_after_the_commit(
        smtp, coordinator, django_capture_on_commit_callbacks):
    lead = UserFactory(partner=PartnerFactory(code="PL"), email="lead@example.nl")
    project = project_in_phase(Phase.CONCEPT, partners=[lead.partner], lead=lead)
    asked = PartnerFactory(code="PC")
    users = [UserFactory(partner=asked, email=f"pc{n}@example.nl") for n in (1, 2)]
    UserFactory(partner=asked, email="weg@example.nl", is_active=False)
    UserFactory(partner=PartnerFactory(code="PD"), email="pd@example.nl")
    before = list(Notification.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        participation = plans.set_participation(project, lead, partner=asked, capacity_hours=40,
                                                categories=[])
        rows = list(Notification.objects.exclude(pk__in=before))
        assert {row.kind for row in rows} == {"participation_proposed"}
        assert {row.recipient for row in rows} == set(users)
        assert smtp.messages() == []  # written with the proposal, sent after its commit
    received = smtp.messages()
    assert sorted(m["To"] for m in received) == ["pc1@example.nl", "pc2@example.nl"]
    assert all(project.name in m["Subject"] for m in received)
    assert all(project.get_absolute_url() in m.get_payload()[0].get_payload(decode=True).decode()
               for m in received)
    # Answering sends nothing; a partner proposing its own participation is not asked.
    with django_capture_on_commit_callbacks(execute=True):
        agreement.accept(participation, users[0])
        plans.set_participation(project, lead, partner=asked, capacity_hours=40, categories=[])
    assert len(smtp.messages()) == 2
    own = UserFactory(partner=PartnerFactory(code="PE"), email="pe@example.nl")
    make_lead(project, own, by=coordinator)
    plans.set_participation(project, own, partner=own.partner, capacity_hours=8, categories=[])
    assert not Notification.objects.filter(recipient=own, kind="participation_proposed").exists()


def test_no_e_mail_of_any_kind_holds_personal_data(case_flow_notifications):
    rows = case_flow_notifications
    assert {row.kind for row in rows} >= {"participation_proposed", "intake_opened", "information_request",
                                          "assignment_made", "assignment_result_due", "knelpunt_assigned"}
    # Every registered kind, also those the flow above does not reach, rendered for the seeded
    # project (a kind added without its templates fails here too).
    project = next(row.project for row in rows if row.project)
    lead = User.objects.get(username="projectleider")
    for kind in notifications.KINDS:
        rows += notifications.notify(kind, [lead], project=project, link=project.get_absolute_url())
    assert {row.kind for row in rows} == set(notifications.KINDS)
    for row in rows:
        text = row.subject + "\n" + row.body
        assert not mentions_address(text), text
        assert "Diezerstraat" not in text and "Postretour" not in text and "8011" not in text, text


def test_the_coordinator_sees_a_failed_message_with_its_smtp_error_and_nobody_else_does(smtp, approved):
    from django.test import Client
    from django.urls import reverse

    project, users = approved
    smtp.stop()
    (row,) = notifications.notify("plan_decided", [users[0]], project=project, link="/x/")
    for _ in range(notifications.MAX_ATTEMPTS - 1):
        with pytest.raises((smtplib.SMTPException, OSError)):
            notifications.send(row.pk)
    assert notifications.send(row.pk) == "mislukt"
    row.refresh_from_db()
    coordinator = Client()
    coordinator.force_login(UserFactory(partner=PartnerFactory(code="SZW-X"), coordinator=True))
    page = coordinator.get(reverse("failed_notifications")).content.decode()
    assert project.name in page and "Besluit over een projectplan" in page
    assert row.last_error.split(":")[0] in page and str(users[0]) in page
    for user in (users[0], UserFactory(partner=PartnerFactory(code="IND-X"))):
        other = Client()
        other.force_login(user)
        assert other.get(reverse("failed_notifications")).status_code == 404
