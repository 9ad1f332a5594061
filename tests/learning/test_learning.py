"""The evaluation that closes a project, each partner's own satisfaction, and the lessons
register with Dutch full-text search."""
import pytest
from django.db import connection
from django.urls import reverse

from lsi.learning import evaluation, lessons
from lsi.learning.evaluation import EvaluationRefused
from lsi.learning.models import Evaluation, Lesson
from projects import lifecycle
from projects.phases import Phase
from tests.factories import PartnerFactory, UserFactory, project_in_phase


@pytest.fixture
def finishing(db, coordinator):
    """A project in afronding with two goals, led by ``lead``; partners A and B take part."""
    a, b = PartnerFactory(code="PA"), PartnerFactory(code="PB")
    lead = UserFactory(username="leider", partner=a)
    project = project_in_phase(Phase.COMPLETION, partners=[a, b], lead=lead,
                               goals="Vijftig adressen bezocht\nDrie gemeenten betrokken")
    pa_user, pb_user = UserFactory(username="pa-user", partner=a), UserFactory(username="pb-user", partner=b)
    return project, lead, pa_user, pb_user


def test_a_project_cannot_close_without_its_evaluation(finishing, client_for):
    project, lead, *_ = finishing
    with pytest.raises(EvaluationRefused, match="evaluatie is afgerond"):
        evaluation.close_project(project, lead)
    # The generic next step points to the evaluation page.
    assert "evaluatie" in lifecycle.advance_problem(lead, project).lower()
    project.refresh_from_db()
    assert project.phase == Phase.COMPLETION


def test_completing_needs_every_goal_and_what_worked_reported_at_once(finishing, client_for):
    project, lead, *_ = finishing
    response = client_for(lead).post(reverse("learning:evaluation", args=[project.pk]),
                                     {"goal_0": "ja", "complete": "1"})
    body = response.content.decode()
    assert response.status_code == 400 and "<title>Fout:" in body
    assert "Drie gemeenten betrokken" in body and "Beschrijf wat werkte." in body
    assert not Evaluation.objects.filter(project=project, completed_at__isnull=False).exists()


def test_the_evaluation_closes_the_project_and_is_in_the_history(finishing, client_for):
    project, lead, *_ = finishing
    client = client_for(lead)
    done = client.post(reverse("learning:evaluation", args=[project.pk]), {
        "goal_0": "ja", "goal_1": "deels", "goal_note_1": "Twee van de drie",
        "what_worked": "Vaste casustafeldag", "what_did_not": "Late levering",
        "bottlenecks": ["capaciteit", "planning"], "complete": "1"})
    assert done.status_code == 302
    saved = Evaluation.objects.get(project=project)
    assert saved.completed_by == lead and saved.bottlenecks == ["capaciteit", "planning"]
    assert saved.history.first().history_change_reason == "Evaluatie afgerond"
    assert {(g.goal, g.achieved) for g in saved.goals.all()} == {
        ("Vijftig adressen bezocht", "ja"), ("Drie gemeenten betrokken", "deels")}
    assert client.post(reverse("learning:close", args=[project.pk])).status_code == 302
    project.refresh_from_db()
    assert project.phase == Phase.CLOSED


def test_an_address_in_the_evaluation_is_refused(finishing):
    project, lead, *_ = finishing
    with pytest.raises(EvaluationRefused, match="Noem geen adressen"):
        evaluation.save_evaluation(project, lead, goals={}, what_worked="Melkmarkt 8011 AP 173 ging goed",
                                   what_did_not="", bottlenecks=[], follow_up="", complete=False)


def test_each_partner_gives_its_own_satisfaction(finishing, client_for):
    project, lead, pa_user, pb_user = finishing
    client_for(pa_user).post(reverse("learning:satisfaction", args=[project.pk]), {"score": "4"})
    client_for(pb_user).post(reverse("learning:satisfaction", args=[project.pk]), {"score": "2",
                                                                                    "remark": "Te laat"})
    client_for(pb_user).post(reverse("learning:satisfaction", args=[project.pk]), {"score": "3"})
    scores = dict(Evaluation.objects.get(project=project).satisfaction.values_list("partner__code", "score"))
    assert scores == {"PA": 4, "PB": 3}


def test_a_partner_that_took_no_part_sees_no_evaluation(finishing, client_for):
    project, *_ = finishing
    outsider = UserFactory(partner=PartnerFactory(code="OUT"))
    client = client_for(outsider)
    assert client.get(reverse("learning:evaluation", args=[project.pk])).status_code == 404
    assert client.post(reverse("learning:satisfaction", args=[project.pk]), {"score": "5"}).status_code == 404
    assert client.post(reverse("learning:close", args=[project.pk])).status_code == 404


def test_another_partner_cannot_write_the_evaluation(finishing, client_for):
    project, lead, pa_user, pb_user = finishing
    page = client_for(pb_user).get(reverse("learning:evaluation", args=[project.pk]))
    assert page.status_code == 200 and "Alleen de projectleider of de coördinator" in page.content.decode()
    with pytest.raises(EvaluationRefused):
        evaluation.save_evaluation(project, pb_user, goals={}, what_worked="x", what_did_not="x",
                                   bottlenecks=[], follow_up="", complete=True)


# ---- lessons ---------------------------------------------------------------------------------

@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL's")
def test_the_search_finds_inflected_dutch_words_ranked(db, coordinator, uwv_user):
    lessons.add_lesson(coordinator, text="Plan elk huisbezoek met twee partners.", theme="uitvoering")
    lessons.add_lesson(coordinator, text="Een brief vooraf scheelt veel werk.", theme="communicatie")
    found = list(Lesson.objects.visible_to(uwv_user).search("huisbezoeken"))
    assert [lesson.theme for lesson in found] == ["uitvoering"]
    with connection.cursor() as cursor:  # over the stored vector, not an expression per row
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'learning_lesson_search_nl'")
        assert "USING gin (search_vector)" in cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL's")
def test_the_search_ranks_the_lesson_about_the_word_first_and_keeps_the_filters(db, coordinator, uwv_user,
                                                                              client_for):
    lessons.add_lesson(coordinator, text="Een huisbezoek kort voorbereiden.", theme="planning",
                       project_type="gebiedsgericht")
    lessons.add_lesson(coordinator, text="Huisbezoeken plannen: elk huisbezoek met twee partners, "
                       "want een huisbezoek alleen is onveilig.", theme="veiligheid",
                       project_type="gebiedsgericht")
    lessons.add_lesson(coordinator, text="Een huisbezoek na een zorgmelding.", theme="zorg",
                       project_type="thematisch")
    lessons.add_lesson(coordinator, text="Brieven vooraf versturen.", theme="planning",
                       project_type="gebiedsgericht")
    client = client_for(uwv_user)
    page = client.get(reverse("learning:lessons"), {"q": "huisbezoeken"}).context["page"]
    assert [lesson.theme for lesson in page][0] == "veiligheid"
    assert page.paginator.count == 3
    page = client.get(reverse("learning:lessons"), {"q": "huisbezoeken", "project_type": "gebiedsgericht",
                                                    "theme": "plan"}).context["page"]
    assert [lesson.theme for lesson in page] == ["planning"] and page.paginator.count == 1
    # A lesson changed later is found by its new words (the stored vector follows the text).
    lesson = Lesson.objects.get(theme="zorg")
    lesson.text = "Een brief na een zorgmelding."
    lesson.save(update_fields=["text"])
    assert client.get(reverse("learning:lessons"), {"q": "huisbezoeken"}).context["page"].paginator.count == 2


def test_the_lessons_page_counts_and_pages_the_lessons_found(db, coordinator, uwv_user, client_for):
    for n in range(27):
        lessons.add_lesson(coordinator, text=f"Les nummer {n} over planning.", theme="planning")
    lessons.add_lesson(coordinator, text="Een les over zorg.", theme="zorg")
    client = client_for(uwv_user)
    first = client.get(reverse("learning:lessons"), {"theme": "planning"})
    assert len(first.context["page"]) == 25 and "Pagina 1 van 2" in first.content.decode()
    second = client.get(reverse("learning:lessons"), {"theme": "planning", "page": "2"})
    assert len(second.context["page"]) == 2 and "Pagina 2 van 2" in second.content.decode()
    assert {lesson.theme for lesson in second.context["page"]} == {"planning"}
    past_the_end = client.get(reverse("learning:lessons"), {"theme": "planning", "page": "9"})
    assert past_the_end.context["page"].number == 2 and len(past_the_end.context["page"]) == 2
    not_a_number = client.get(reverse("learning:lessons"), {"page": "x"})
    assert not_a_number.context["page"].number == 1 and not_a_number.context["page"].paginator.count == 28
    nothing = client.get(reverse("learning:lessons"), {"theme": "onbekend", "page": "3"})
    assert list(nothing.context["page"]) == [] and "Geen lessen gevonden." in nothing.content.decode()


def test_lessons_filter_by_tag_and_type_and_refuse_addresses(db, coordinator, uwv_user, client_for):
    lessons.add_lesson(coordinator, text="Capaciteit vooraf vastleggen.", theme="planning",
                       tags="capaciteit, Planning", project_type="gebiedsgericht")
    lessons.add_lesson(coordinator, text="Zorg eerder betrekken.", theme="zorg", tags="zorg")
    client = client_for(uwv_user)
    page = client.get(reverse("learning:lessons"), {"tag": "planning"})
    assert [lesson.theme for lesson in page.context["page"]] == ["planning"]
    refused = client.post(reverse("learning:lessons"), {"text": "Bij 8011AP 12 ging het mis", "theme": "x"})
    assert refused.status_code == 400 and "Noem geen adressen" in refused.content.decode()
    assert Lesson.objects.count() == 2


def test_the_privacy_officer_hides_a_lesson(db, coordinator, privacy_officer, uwv_user, client_for):
    lesson = lessons.add_lesson(coordinator, text="Een les die te veel zegt.", theme="x")
    assert client_for(uwv_user).post(reverse("learning:lesson_hide", args=[lesson.pk]),
                                     {"reason": "x"}).status_code == 404
    client_for(privacy_officer).post(reverse("learning:lesson_hide", args=[lesson.pk]),
                                     {"reason": "Herleidbaar tot een persoon"})
    assert not Lesson.objects.visible_to(uwv_user).exists()
    assert Lesson.objects.visible_to(privacy_officer).get().hidden
