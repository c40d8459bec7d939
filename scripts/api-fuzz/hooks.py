"""Schemathesis hooks for Backbone's API.

JSON Schema counts 14.0 as an integer, and schemathesis sends whole numbers that way on purpose;
serde (like most typed servers) reads a whole number into an integer field only when it is
written as one. No client of Backbone writes ids as 14.0, so the hook writes whole floats as
integers before sending; every other value is sent as generated.
"""
import schemathesis


def _ints(value):
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, list):
        return [_ints(v) for v in value]
    if isinstance(value, dict):
        return {k: _ints(v) for k, v in value.items()}
    return value


@schemathesis.hook
def map_body(ctx, body):
    return _ints(body)


@schemathesis.hook
def map_query(ctx, query):
    return _ints(query) if query else query
