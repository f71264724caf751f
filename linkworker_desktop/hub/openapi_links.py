"""OpenAPI links: which answer's value a device sends in its next request.

They document how paging continues (a pull's ``next_cursor``, the directory's
``modified_until``) and let a stateful fuzzer follow the same paths a laptop does. The device
token a laptop gets from enrolling goes in a header the document leaves to its security
scheme, so no link runs from enrolment.
"""

from __future__ import annotations

from typing import Any

PULL = ("/v1/sync/pull", "get")
PUSH = ("/v1/sync/push", "post")
DIRECTORY = ("/v1/directory", "get")

# (from, to, link name, description, the next request's parameters)
LINKS = [
    (
        PULL,
        PULL,
        "NextPage",
        "The next page of changes starts where this one ended.",
        {"cursor": "$response.body#/next_cursor"},
    ),
    (
        PUSH,
        PULL,
        "PullAfterPush",
        "After a push the device pulls from where it had pulled before.",
        {"cursor": "$request.body#/cursor"},
    ),
    (
        DIRECTORY,
        DIRECTORY,
        "NextPage",
        "The next page of the directory starts after the last change in this one.",
        {"modified_after": "$response.body#/modified_until"},
    ),
]


def add_links(spec: dict[str, Any]) -> None:
    """Add ``LINKS`` to the 200 answers of a generated document, naming operations by id."""
    paths = spec["paths"]
    for (path, method), (to_path, to_method), name, description, parameters in LINKS:
        answer = paths[path][method]["responses"]["200"]
        answer.setdefault("links", {})[name] = {
            "operationId": paths[to_path][to_method]["operationId"],
            "parameters": parameters,
            "description": description,
        }
