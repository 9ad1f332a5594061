from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Development only: the demo data (``seed_demo``) and the benchmark (``bench``). Installed
    by the development and test settings, never by the production settings."""

    name = "lsi.devtools"
    label = "devtools"
