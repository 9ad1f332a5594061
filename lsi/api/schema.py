"""Completing the OpenAPI schema: the problem-details answers of every operation."""
PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "example": "urn:lsi:problem:not_found"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {
            "type": "object", "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}},
        "retry_after": {"type": "integer"},
        "limit": {"type": "integer"},
        "unit": {"type": "string"},
    },
}
DESCRIPTIONS = {
    "400": "Ongeldige aanvraag (errors per veld)", "401": "Geen, een onbekende, verlopen of "
    "ingetrokken API-sleutel", "404": "Niet gevonden (of niet van deze partner)",
    "406": "Niet aanvaardbaar", "409": "Geweigerd (bijvoorbeeld: signalering niet open)",
    "413": "Te groot", "415": "Mediatype niet ondersteund", "422": "Niet te verwerken",
    "429": "Te veel aanvragen (retry_after in seconden)",
}
COMMON = ("400", "401", "404", "406", "429")
WRITES = ("409", "415")


def add_problems(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation answers errors as problem details."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            codes = COMMON + (WRITES if method == "post" else ())
            if path.endswith("/batches/"):
                codes += ("413", "422")
            for code in codes:
                responses[code] = {"description": responses.get(code, {}).get("description")
                                   or DESCRIPTIONS[code], "content": problem}
    return result
