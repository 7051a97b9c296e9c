"""The OpenAPI description: valid, every field and parameter described, and its docs page within the CSP."""

import re

import pytest
import yaml
from openapi_spec_validator import validate

from positions.filtersets import PositionFilter


@pytest.fixture
def schema(client, db):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_the_schema_is_served_as_yaml_too(client, db):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    validate(yaml.safe_load(response.content))


def described_properties(component: dict, path: str):
    for name, field in component.get("properties", {}).items():
        yield f"{path}.{name}", field
        if "properties" in field:
            yield from described_properties(field, f"{path}.{name}")


def test_every_field_has_a_description(schema):
    missing = []
    for name, component in schema["components"]["schemas"].items():
        if "enum" in component:
            continue
        for path, field in described_properties(component, name):
            has_reference = "$ref" in field or any("$ref" in part for part in field.get("allOf", []))
            if not field.get("description") and not has_reference:
                missing.append(path)
    assert missing == []


def test_every_parameter_has_a_description(schema):
    missing = [
        f"{method.upper()} {path} {parameter['name']}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if not parameter.get("description")
    ]
    assert missing == []


def test_the_positions_list_documents_every_filter_of_the_list_page(schema):
    parameters = {p["name"] for p in schema["paths"]["/api/v1/positions/"]["get"]["parameters"]}
    assert set(PositionFilter.base_filters) | {"cursor", "page_size", "expand"} <= parameters


def test_the_docs_page_loads_swagger_ui_from_local_files_with_no_inline_script(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all('src="/static/' in attributes and not content.strip() for attributes, content in scripts)
    assert "<style" not in html and "style=" not in html
    assert 'data-schema-url="/api/v1/schema/"' in html
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    for path in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert client.get(path).status_code == 200, path
