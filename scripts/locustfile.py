"""The load of the production smoke test (scripts/prod_smoke.py runs it headless).

Each simulated user is one seeded account (scripts/prod_seed.py) and logs in as production
demands: password, then a TOTP code computed from its device's key. Requests carry the headers
the TLS proxy sets (X-Forwarded-Proto: https, X-Forwarded-For with the client's address).

- partners (uwv, svb, gemeente): the project list, their signal list and exports, uploads of
  small delivery files (uwv, svb), polled until processed;
- projectleider of the casustafel project (pl-last): verwonderadressen, an agendapunt, its dossier;
- projectleider of Zwolle: the progress report PDF, requested, polled and downloaded;
- stuurgroep: the stuurgroep report page and its PDF.

A partner's response that holds another partner's signal reference is a failure ("leak").
Every 5xx, connection error and leak is also written with its time to LOAD_EVENTS (JSON lines),
so the smoke test can tell failures during a restart from failures after it.
"""
import io
import json
import os
import random
import re
import sys
import time
import zipfile
from pathlib import Path

from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadclient import send_secure_cookies_over_plain_http, totp  # noqa: E402

send_secure_cookies_over_plain_http()

SEED = json.loads(open(os.environ["LOAD_SEED"]).read())
EVENTS = os.environ.get("LOAD_EVENTS")
POOL = sorted(SEED["accounts"])
STATUS = re.compile(r"/rapportages/opdrachten/(\d+)/status/")
DOWNLOAD = re.compile(r"/rapportages/opdrachten/(\d+)/pdf/")
UPLOAD = re.compile(r"/aanleveringen/(\d+)/")


def record(kind: str, name: str, status=None, response_time=None) -> None:
    """One event: ``t`` when it was seen, ``started`` when its request was sent."""
    if EVENTS:
        now = time.time()
        started = now - (response_time or 0) / 1000
        with open(EVENTS, "a") as out:
            out.write(json.dumps({"t": now, "started": started, "kind": kind, "name": name,
                                  "status": status}) + "\n")


@events.request.add_listener
def on_request(request_type, name, response_time, response_length, response=None,
               exception=None, **kwargs):
    status = getattr(response, "status_code", None)
    if status is not None and status >= 500:
        record("5xx", name, status, response_time)
    elif exception is not None and status in (None, 0):
        record("error", name, str(type(exception).__name__), response_time)


def delivery_csv(code: str) -> bytes:
    header = ("postcode;huisnummer;huisletter;huisnummertoevoeging;straat;woonplaats;categorie;"
              "indicatoren;referentie;datum_signaal")
    day = time.strftime("%Y-%m-%d", time.localtime(time.time() - 5 * 86400))
    lines = [header]
    for _ in range(5):
        number = random.randint(100, 99999)
        lines.append(f"8011WR;{number};;;Diezerstraat;Zwolle;uitkeringsfraude;Postretour;"
                     f"LAST{code}-{number:05d};{day}")
    return ("\n".join(lines) + "\n").encode()


def body_text(content: bytes) -> str:
    """A response's text; of an XLSX export, the text of every part of the workbook."""
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            return "".join(workbook.read(name).decode("utf-8", "replace") for name in workbook.namelist())
    return content.decode("utf-8", "replace")


class Portal(HttpUser):
    wait_time = between(0.1, 0.5)

    def on_start(self):
        self.username = POOL.pop(0) if POOL else random.choice(sorted(SEED["accounts"]))
        account = SEED["accounts"][self.username]
        self.partner = account["partner"]
        # Another partner's signals: never for a partner user, the stuurgroep or the lead of
        # another project; the projectleider of Zwolle sees every partner's (domain rule).
        self.foreign = [] if self.username == "projectleider" else [
            marker for code, marker in SEED["markers"].items() if code != self.partner]
        host = self.host.split("://", 1)[-1].rstrip("/")
        self.client.headers.update({
            "X-Forwarded-Proto": "https", "Origin": f"https://{host}", "Referer": f"https://{host}/",
            "X-Forwarded-For": f"192.0.2.{POOL.__len__() + 10}",
        })
        self.client.get("/inloggen/", name="inloggen: pagina")
        self.post("/inloggen/", {"username": self.username, "password": SEED["password"]},
                  "inloggen: wachtwoord")
        response = self.post("/account/code/?next=/", {"token": totp(account["key"])}, "code")
        if "/account/code/" in response.url:
            # the code of this 30-second step was used already (a restart of the user): the next one
            time.sleep(30 - time.time() % 30 + 1)
            response = self.post("/account/code/?next=/", {"token": totp(account["key"])}, "code")
        if "/inloggen/" in response.url or "/account/" in response.url:
            raise RuntimeError(f"{self.username} could not log in ({response.url})")

    def post(self, url, data, name, **kwargs):
        token = self.client.cookies.get("csrftoken", "")
        return self.client.post(url, data={**data, "csrfmiddlewaretoken": token}, name=name, **kwargs)

    def checked(self, url, name):
        """A GET whose body must hold no other partner's signal."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200 or "/inloggen/" in response.url:
                response.failure(f"status {response.status_code}, {response.url}")
            elif any(marker in body_text(response.content) for marker in self.foreign):
                record("leak", name, response.status_code)
                response.failure("another partner's signals in the response")

    @task
    def work(self):
        getattr(self, "as_" + {"uwv": "partner", "svb": "partner", "gemeente": "partner",
                               "pl-last": "lead", "projectleider": "reporter",
                               "stuurgroep": "steering"}[self.username])()

    # --- roles -------------------------------------------------------------------------------
    def as_partner(self):
        project = SEED["project"]
        choice = random.choices(["list", "csv", "xlsx", "projects", "upload"],
                                [5, 2, 1, 2, 0 if self.username == "gemeente" else 1])[0]
        if choice == "list":
            self.checked(f"/projecten/{project}/signalen/", "signalen: lijst")
        elif choice == "csv":
            self.checked(f"/projecten/{project}/signalen/export.csv", "signalen: export csv")
        elif choice == "xlsx":
            self.checked(f"/projecten/{project}/signalen/export.xlsx", "signalen: export xlsx")
        elif choice == "projects":
            self.checked("/projecten/", "projecten: lijst")
        else:
            self.upload(project)

    def upload(self, project):
        url = f"/projecten/{project}/signalen/aanleveren/"
        self.client.get(url, name="aanleveren: pagina")
        files = {"file": (f"levering-{random.randint(0, 10**9)}.csv", delivery_csv(self.partner), "text/csv")}
        token = self.client.cookies.get("csrftoken", "")
        response = self.client.post(url, data={"csrfmiddlewaretoken": token}, files=files,
                                    name="aanleveren: bestand")
        found = UPLOAD.search(response.url or "")
        if not found:
            return
        for _ in range(40):
            status = self.checked(f"/aanleveringen/{found.group(1)}/status/", "aanlevering: status")
            if status.headers.get("HX-Refresh"):
                break
            time.sleep(0.5)
        self.checked(f"/aanleveringen/{found.group(1)}/", "aanlevering: rapport")

    def as_lead(self):
        project, item = SEED["case_project"], SEED["item"]
        choice = random.choices(["flagged", "item", "dossier"], [3, 3, 1])[0]
        if choice == "flagged":
            self.checked(f"/projecten/{project}/verwonderadressen/", "verwonderadressen")
        elif choice == "item":
            self.checked(f"/agendapunten/{item}/", "agendapunt")
        else:
            self.checked(f"/agendapunten/{item}/dossier/", "selectiedossier: pagina")

    def report_pdf(self, data, page, label):
        response = self.post("/rapportages/aanvragen/", data, f"{label}: aanvragen")
        found = STATUS.search(response.text) or DOWNLOAD.search(response.text)
        if not found:
            return
        for _ in range(60):
            status = self.client.get(f"/rapportages/opdrachten/{found.group(1)}/status/",
                                     name="rapportage: status")
            if DOWNLOAD.search(status.text) or "Mislukt" in status.text:
                break
            time.sleep(0.5)
        with self.client.get(f"/rapportages/opdrachten/{found.group(1)}/pdf/", name=f"{label}: pdf",
                             catch_response=True) as pdf:
            if pdf.status_code != 200 or not pdf.content.startswith(b"%PDF"):
                pdf.failure(f"no PDF ({pdf.status_code})")

    def as_reporter(self):
        project = SEED["project"]
        if random.random() < 0.3:
            self.report_pdf({"kind": "voortgang", "project": project}, None, "voortgangsrapportage")
        else:
            self.checked(f"/projecten/{project}/rapportage/", "voortgangsrapportage: pagina")
            self.checked(f"/projecten/{project}/signalen/", "signalen: lijst (projectleider)")

    def as_steering(self):
        if random.random() < 0.2:
            self.report_pdf({"kind": "stuurgroep"}, None, "stuurgroep-rapportage")
        else:
            self.checked("/rapportages/stuurgroep/", "stuurgroep-rapportage: pagina")
            self.checked("/projecten/stuurgroep/", "stuurgroep: overzicht")
