"""Shared fixtures: the people and bodies of a small LSI world, and one project.

``project`` (in concept, complete plan) is set up the way a coördinator would: the gemeente
Zwolle initiated it, ``projectleider`` (a medewerker of that gemeente) leads it, and the
gemeente, UWV and SVB take part. IND exists and has a user, but takes part in nothing.

Every named fixture (``coordinator``, ``uwv_user``, ``project``, …) is an attribute of ``base``.
By default ``base`` is built per test, each piece only when a test asks for it. A module whose
tests all need the world can share one build instead, which is much faster; each test still
runs in its own savepoint and gets fresh instances::

    @pytest.fixture
    def base(shared_base, db):
        return shared_base.fresh()
"""
from functools import cached_property

import pytest
from django.core.cache import cache
from django.test import Client

from lsi.public import cache as public_cache
from projects import accesslog
from tests.factories import (
    BodyFactory,
    CategoryFactory,
    PartnerFactory,
    ProjectFactory,
    UserFactory,
    add_partner,
    make_lead,
    rolled_back_afterwards,
)


@pytest.fixture(autouse=True)
def _public_pages_rendered_afresh():
    """Each test's database is rolled back, so a register state (and the key of its rendered
    pages) can come back in the next test with other content: no rendered page survives a test."""
    yield
    public_cache.forget()
    cache.clear()  # the tests' cache is this process's memory


# The one event the tests log that no view logs (tests of the log itself).
TEST_EVENT = accesslog.event("test", "Alleen in tests")

SAMPLE_CATEGORIES = ["uitkeringsfraude", "adresfraude", "arbeidsuitbuiting",
                     "illegale tewerkstelling"]


class Base:
    """The base data of the fixtures; each attribute is created on first use."""

    NAMES = [
        "steering_body", "region", "other_region", "categories", "secretariat", "coordinator",
        "steering_member", "privacy_officer", "municipality", "uwv", "svb", "ind",
        "projectleider", "uwv_user", "svb_user", "ind_user", "project",
    ]

    @cached_property
    def steering_body(self):
        return BodyFactory(steering=True)

    @cached_property
    def region(self):
        return BodyFactory(code="RPF-OOST", name="RPF Oost-Nederland")

    @cached_property
    def other_region(self):
        return BodyFactory(code="RPF-NOORD", name="RPF Noord-Nederland")

    @cached_property
    def categories(self):
        """The categories of the sample files: name → Category."""
        return {name: CategoryFactory(name=name) for name in SAMPLE_CATEGORIES}

    @cached_property
    def secretariat(self):
        return PartnerFactory(code="SZW", name="Ministerie van SZW", delivery="geen")

    @cached_property
    def coordinator(self):
        return UserFactory(username="coordinator", partner=self.secretariat, coordinator=True)

    @cached_property
    def steering_member(self):
        return UserFactory(username="stuurgroeplid", partner=self.secretariat, steering=True)

    @cached_property
    def privacy_officer(self):
        return UserFactory(username="fg", partner=self.secretariat, privacy_officer=True)

    @cached_property
    def municipality(self):
        return PartnerFactory(code="GEM-0193", name="Gemeente Zwolle", municipality=True)

    @cached_property
    def uwv(self):
        return PartnerFactory(code="UWV", name="Uitvoeringsinstituut Werknemersverzekeringen")

    @cached_property
    def svb(self):
        return PartnerFactory(code="SVB", name="Sociale Verzekeringsbank")

    @cached_property
    def ind(self):
        """A partner that takes part in nothing."""
        return PartnerFactory(code="IND", name="Immigratie- en Naturalisatiedienst")

    @cached_property
    def projectleider(self):
        return UserFactory(username="projectleider", partner=self.municipality)

    @cached_property
    def uwv_user(self):
        return UserFactory(username="uwv", partner=self.uwv)

    @cached_property
    def svb_user(self):
        return UserFactory(username="svb", partner=self.svb)

    @cached_property
    def ind_user(self):
        return UserFactory(username="ind", partner=self.ind)

    @cached_property
    def project(self):
        """A complete plan in concept: Zwolle initiated it, the gemeente, UWV and SVB take part."""
        # The users first, so that they are the partners' first medewerkers.
        by, lead, _uwv, _svb = self.coordinator, self.projectleider, self.uwv_user, self.svb_user
        categories, _body = self.categories, self.steering_body
        project = ProjectFactory(name="Wijkaanpak Zwolle", initiator=self.municipality,
                                 region=self.region)
        make_lead(project, lead, by=by)
        add_partner(project, self.municipality, categories=[categories["adresfraude"]], by=by)
        add_partner(project, self.uwv, by=by, capacity_hours=120,
                    categories=[categories["uitkeringsfraude"], categories["adresfraude"]])
        add_partner(project, self.svb, by=by, capacity_hours=80,
                    categories=[categories["uitkeringsfraude"]])
        return project

    def build_all(self) -> "Base":
        for name in self.NAMES:
            getattr(self, name)
        return self

    def fresh(self) -> "Base":
        """A copy with every built object loaded again from the database."""
        copy = Base()
        for name in self.NAMES:
            if name in self.__dict__:
                value = self.__dict__[name]
                copy.__dict__[name] = (
                    {key: _reload(item) for key, item in value.items()}
                    if isinstance(value, dict) else _reload(value)
                )
        return copy


def _reload(instance):
    return type(instance)._default_manager.get(pk=instance.pk)


@pytest.fixture
def base(db):
    """The base data, built for this test only, piece by piece as it is asked for."""
    return Base()


@pytest.fixture(scope="module")
def shared_base(django_db_setup, django_db_blocker):
    """The base data, built once for a module inside a transaction that is rolled back after
    the module. Use through a module-level ``base`` fixture (see the module docstring)."""
    with rolled_back_afterwards(django_db_blocker):
        with django_db_blocker.unblock():
            shared = Base().build_all()
        yield shared


def _base_fixture(name):
    @pytest.fixture(name=name)
    def fixture(base):
        return getattr(base, name)

    fixture.__doc__ = f"``base.{name}``"
    return fixture


# One fixture per piece of base data: ``coordinator``, ``uwv_user``, ``project``, …
for _name in Base.NAMES:
    globals()[f"_fixture_{_name}"] = _base_fixture(_name)


@pytest.fixture
def client_for(db):
    """``client_for(user)``: a browser session logged in as that user."""

    def login(user):
        client = Client()
        client.force_login(user)
        return client

    return login
