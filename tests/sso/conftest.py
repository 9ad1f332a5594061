from .provider.fixture import SECRET_VARIABLE, provider  # noqa: F401
