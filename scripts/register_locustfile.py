"""The load of scripts/register_load.py: anonymous readers of the public register.

Each simulated reader asks for pages at a constant pace (REGISTER_RATE requests/s per user), so
the run offers a fixed load (users × rate) and measures whether the server keeps up and how
fast it answers. Requests carry the header the TLS proxy sets (X-Forwarded-Proto: https).
"""
import os
import random

from locust import FastHttpUser, constant_throughput, task

PROJECTS = [int(p) for p in os.environ["REGISTER_PROJECTS"].split(",")]
RATE = float(os.environ.get("REGISTER_RATE", "10"))
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Language": "nl"}


class Reader(FastHttpUser):
    wait_time = constant_throughput(RATE)

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
