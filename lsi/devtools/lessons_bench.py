"""Benchmark of the lessons register's search, called by ``manage.py bench`` (``run(stdout)``).

Builds, once (kept between runs), 20,000 lessons of varied Dutch text, then measures in process
the first page of a search ("huisbezoeken", which must find "huisbezoek" by stemming) through
the real view and middleware, beside its floor: the search query alone. Prints the query plan,
which must use the GIN index on the Dutch text vector. Target: < 50 ms for the page.

Runs on PostgreSQL only, inside the database the bench command has prepared.
"""
import random
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Window
from django.test import Client
from django.urls import reverse

from lsi.devtools.measure import Measure, alternate, count_queries
from lsi.learning.models import Lesson
from lsi.learning.selectors import lessons_found
from projects.models import Partner

PREFIX = "lessenbench2"  # not "bench…": the bench command deletes those on --rebuild
LESSONS = 20_000
RUNS = 7
# The words of the lessons; the searched word is in about one lesson in fifty, as a specific
# word is in a real register (a word in nearly every lesson makes any search a full scan).
WORDS = "controle gegevensdeling capaciteit planning privacy samenwerking " \
        "zorgmelding wijkteam casustafel signalen adresfraude uitkering toeslagen inschrijving " \
        "handhaving verhuurder kamerverhuur arbeidsmigranten woonfraude gemeente partners overleg".split()
THEMES = ["capaciteit", "gegevensdeling", "planning", "privacy", "samenwerking", "zorg"]


def build(stdout):
    model = get_user_model()
    owner = model.objects.filter(username=f"{PREFIX}-coordinator").first()
    if owner is None:
        secretariat, _c = Partner.objects.get_or_create(code="LESSENBENCH-SZW", defaults={
            "name": "Secretariaat (lessen)", "kind": "landelijk"})
        owner = model.objects.create_user(f"{PREFIX}-coordinator", password="bench-wachtwoord-lsi",
                                          partner=secretariat, role="coordinator")
    if Lesson.objects.filter(owner=owner).count() >= LESSONS:
        return owner
    started = time.perf_counter()
    Lesson.objects.filter(owner__username__startswith="lessenbench").delete()  # earlier builds too
    rng = random.Random(7)

    def text():
        words = [rng.choice(WORDS) for _ in range(rng.randint(12, 40))]
        if rng.random() < 0.02:
            words.insert(rng.randrange(len(words)), rng.choice(["huisbezoek", "huisbezoeken"]))
        return " ".join(words).capitalize() + "."

    Lesson.objects.bulk_create([
        Lesson(text=text(), theme=rng.choice(THEMES), tags=",".join(rng.sample(WORDS, 2)), owner=owner)
        for _ in range(LESSONS)], batch_size=2_000)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Lesson._meta.db_table}")
    stdout.write(f"Lessen gebouwd in {time.perf_counter() - started:.0f} s ({LESSONS} lessen)")
    return owner


def run(stdout) -> list[Measure]:
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    owner = build(stdout)
    with connection.cursor() as cursor:  # what autovacuum does after a bulk load or a migration
        cursor.execute(f"ANALYZE {Lesson._meta.db_table}")
    # The page's own query: its 25 lessons and the number found (``selectors.page_of``).
    found = lessons_found(owner, {"q": "huisbezoeken"})
    page_query = found.annotate(found_total=Window(Count("*")))[:25]
    sql, params = page_query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    stdout.write("Plan van de zoekvraag naar lessen (pagina en aantal in één vraag):\n  " + "\n  ".join(plan))
    client = Client()
    client.force_login(owner)
    url = reverse("learning:lessons") + "?q=huisbezoeken"

    def page():
        response = client.get(url)
        if response.status_code != 200 or "uisbezoek" not in response.content.decode():
            raise RuntimeError(f"lessons page: {response.status_code}")

    # Ours (the page) and its floor (the search query alone), in turns, as the other measures.
    search = Lesson.objects.visible_to(owner).search("huisbezoeken")
    page_ms, floor_ms = alternate(page, lambda: list(search[:25]), RUNS)
    own, every = count_queries(page)
    uses_index = any("Bitmap Index Scan on learning_lesson_search_nl" in line for line in plan)
    total = page_query[0].found_total
    return [Measure(f"Lessen zoeken, eerste pagina ({LESSONS} lessen)", page_ms, floor_ms, ms_target=50,
                    queries=own, all_queries=every, query_target=1,
                    note=f"{total} gevonden; GIN-index {'gebruikt' if uses_index else 'NIET gebruikt'}; "
                         "vloer: de zoekvraag alleen")]
