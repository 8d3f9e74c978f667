"""A quick check of our own records against :data:`format.RECORDS_SCHEMA` before exporting.

``jsonschema`` takes about a millisecond per record; exporting thousands of practices would
spend most of its time there. Our records are plain data built by us, so this checks the few
keywords the schema uses (type, enum, const, pattern, lengths, sizes, required, properties,
additionalProperties, items, uniqueItems, anyOf) directly. Incoming bundles are still checked
with ``jsonschema`` itself by the reader; a test holds the two to the same answers.
"""

from __future__ import annotations

import re
from functools import cache

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "boolean": (bool,),
    "null": (type(None),),
    "array": (list,),
    "object": (dict,),
}


def first_problem(value: object, schema: dict, path: str = "") -> str | None:
    """Where ``value`` breaks ``schema`` (a dotted path, "" for the value itself), or None."""
    if not _type_ok(value, schema.get("type")):
        return path
    if "const" in schema and value != schema["const"]:
        return path
    if "enum" in schema and value not in schema["enum"]:
        return path
    if "anyOf" in schema and all(
        first_problem(value, s, path) is not None for s in schema["anyOf"]
    ):
        return path
    if isinstance(value, str) and not _string_ok(value, schema):
        return path
    if _is_number(value) and not _number_ok(value, schema):  # type: ignore[arg-type]
        return path
    if isinstance(value, list):
        return _array_problem(value, schema, path)
    if isinstance(value, dict):
        return _object_problem(value, schema, path)
    return None


def _type_ok(value: object, wanted: str | list[str] | None) -> bool:
    if wanted is None:
        return True
    return any(_is_type(value, name) for name in ([wanted] if isinstance(wanted, str) else wanted))


def _is_type(value: object, name: str) -> bool:
    if name == "integer":
        return _is_number(value) and float(value).is_integer()  # type: ignore[arg-type]
    if name == "number":
        return _is_number(value)
    return isinstance(value, _TYPES[name])


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _string_ok(value: str, schema: dict) -> bool:
    if len(value) > schema.get("maxLength", len(value)):
        return False
    if len(value) < schema.get("minLength", 0):
        return False
    return "pattern" not in schema or _compiled(schema["pattern"]).search(value) is not None


def _number_ok(value: float, schema: dict) -> bool:
    return schema.get("minimum", value) <= value <= schema.get("maximum", value)


def _array_problem(value: list, schema: dict, path: str) -> str | None:
    if len(value) > schema.get("maxItems", len(value)):
        return path
    if schema.get("uniqueItems") and len({repr(v) for v in value}) != len(value):
        return path
    items = schema.get("items")
    if items is not None:
        for index, item in enumerate(value):
            problem = first_problem(item, items, _join(path, str(index)))
            if problem is not None:
                return problem
    return None


def _object_problem(value: dict, schema: dict, path: str) -> str | None:
    properties = schema.get("properties", {})
    for name in schema.get("required", ()):
        if name not in value:
            return _join(path, name)
    for name, item in value.items():
        if name in properties:
            problem = first_problem(item, properties[name], _join(path, name))
            if problem is not None:
                return problem
        elif schema.get("additionalProperties") is False:
            return _join(path, name)
    return None


def _join(path: str, part: str) -> str:
    return f"{path}.{part}" if path else part


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
