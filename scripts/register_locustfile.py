"""The load of ``manage.py bench --only register`` (lsi/devtools/register_bench.py):
anonymous readers of the public register.

Each simulated reader asks for a page, waits a random time around 1/REGISTER_RATE seconds and
asks again, so the run offers about users × rate requests a second, arriving at random moments
as readers do (a constant pace would make every reader ask in the same instant, and the load
generator, one process, would then measure its own queue). Requests carry the header the TLS
proxy sets (X-Forwarded-Proto: https).
"""
import os
import random

from locust import FastHttpUser, between, task

PROJECTS = [int(p) for p in os.environ["REGISTER_PROJECTS"].split(",")]
RATE = float(os.environ.get("REGISTER_RATE", "10"))
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Language": "nl"}


class Reader(FastHttpUser):
    wait_time = between(0.5 / RATE, 1.5 / RATE)

    @task(5)
    def project_page(self):
        self.client.get(f"/register/projecten/{random.choice(PROJECTS)}/", headers=HEADERS,
                        name="/register/projecten/[id]/")

    @task(3)
    def overview(self):
        self.client.get("/register/", headers=HEADERS)

    @task(1)
    def about(self):
        self.client.get("/register/over-de-lsi/", headers=HEADERS)

    @task(1)
    def open_data(self):
        self.client.get("/register/open-data/v1/projecten.json", headers=HEADERS)
