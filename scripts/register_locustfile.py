"""The load of ``manage.py bench --only register`` (lsi/devtools/register_bench.py):
anonymous readers of the public register.

Each simulated reader asks for pages at random moments, REGISTER_RATE times a second on average
(exponential gaps between the moments a request is due, as independent readers arrive). The
moments do not wait for the answers: a slow answer does not lower the load offered, so the run
offers users x rate requests a second and measures how long each one took (with a pause after
each answer, the rate served fell as the latency rose, and a constant pace made every reader
ask in the same instant). Requests carry the header the TLS proxy sets (X-Forwarded-Proto:
https).
"""
import os
import random
import time

from locust import FastHttpUser, task

PROJECTS = [int(p) for p in os.environ["REGISTER_PROJECTS"].split(",")]
RATE = float(os.environ.get("REGISTER_RATE", "10"))
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Language": "nl"}


class Reader(FastHttpUser):
    def on_start(self):
        self._next = time.monotonic()

    def wait_time(self):
        # Open arrivals: the next request is due at a random moment after the previous one was
        # due (exponential gaps, RATE a second on average), whether or not the answer was quick.
        self._next += random.expovariate(RATE)
        return max(0.0, self._next - time.monotonic())

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
