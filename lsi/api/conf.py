"""Settings of Django REST framework and drf-spectacular for the API (imported by settings)."""

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["lsi.api.authentication.ClientTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["lsi.api.permissions.IsApiClient"],
    "DEFAULT_THROTTLE_CLASSES": ["lsi.api.throttling.ClientRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "lsi.api.problems.handle",
    "UNAUTHENTICATED_USER": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "LSI interventieteam-portaal: API voor partnersystemen",
    "DESCRIPTION": (
        "Signalen aanleveren en informatieverzoeken beantwoorden, systeem tot systeem. Een "
        "API-client handelt voor één partner, precies zoals de medewerkers van die partner. "
        "Aanmelden met `Authorization: Bearer <sleutel>` (de coördinator maakt de client aan). "
        "Fouten zijn RFC 9457 problem details; berichten in de taal van `Accept-Language` "
        "(nl, en)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "lsi.api.schema.add_problems"],
    "APPEND_COMPONENTS": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    "SECURITY": [{"bearer": []}],
    "AUTHENTICATION_WHITELIST": [],
}
