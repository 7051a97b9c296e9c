"""Every status an API operation can answer, in its OpenAPI description, so generated clients handle them.

drf-spectacular describes the 200 of each operation; this post-processing hook (SPECTACULAR_SETTINGS)
adds the others, from what the operation takes:

- 304 to a request whose `If-None-Match` holds the current ETag (positions/api/conditional.py);
- 400 for an invalid parameter: a filter, `expand`, `page_size`, a `cursor` this server did not
  write (the body names each bad parameter); and for a NUL byte anywhere in the address, which
  any operation refuses, even one without parameters (config/nul_bytes.py; the body says so);
- 404 when it names an object in its path that may not exist, or takes a `page` number past the
  last page;
- 301 from an upper-case country code to the lower-case address;
- 429 past the rate limit (API_RATE_LIMIT), with Retry-After; every operation counts.
"""

# Query parameters whose invalid values answer 404 rather than 400: DRF's page number.
NOT_FOUND_PARAMETERS = {"page"}
REDIRECTS = {"countries_retrieve"}

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong, in a sentence."}},
    "required": ["detail"],
}
INVALID = {
    "type": "object",
    "description": "Each invalid parameter, with the messages saying what it accepts.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def error_response(description: str, schema_name: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}},
    }


def documented_statuses(operation: dict) -> dict[str, dict]:
    """The responses besides the 200 that this operation can answer."""
    parameters = operation.get("parameters", [])
    query = {parameter["name"] for parameter in parameters if parameter["in"] == "query"}
    invalid = {"oneOf": [{"$ref": "#/components/schemas/InvalidParameters"}, {"$ref": "#/components/schemas/Error"}]}
    responses = {
        "304": {
            "description": "Not modified: the ETag in If-None-Match is still current. No body.",
            "headers": {"ETag": {"schema": {"type": "string"}, "description": "The current ETag."}},
        },
        "400": {
            "description": "An invalid parameter (the body names each one), or a NUL byte in the address.",
            "content": {"application/json": {"schema": invalid}},
        },
        "429": {
            **error_response("Too many requests from this address: wait as Retry-After says.", "Error"),
            "headers": {
                "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before asking again."}
            },
        },
    }
    if query & NOT_FOUND_PARAMETERS or any(parameter["in"] == "path" for parameter in parameters):
        responses["404"] = error_response("No such object, or no such page.", "Error")
    if operation["operationId"] in REDIRECTS:
        responses["301"] = {
            "description": "An upper-case code: moved permanently to the lower-case address (Location).",
            "headers": {"Location": {"schema": {"type": "string"}, "description": "The lower-case address."}},
        }
    return responses


def add_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: document each operation's other statuses."""
    for operations in result["paths"].values():
        for operation in operations.values():
            for status, response in documented_statuses(operation).items():
                operation["responses"].setdefault(status, response)
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("InvalidParameters", INVALID)
    return result
