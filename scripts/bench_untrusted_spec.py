#!/usr/bin/env python3
"""Writes a hostile document for scripts/bench-untrusted.sh: bench_untrusted_spec.py KIND N FILE.

KINDS: enum, list (N values), fanout (2^N paths through anyOf), allof, allofprops (allOf
chains of N links), oneline (N/2 schemas of 11,400-character lines), patterns (N large patterns).
"""
import json, sys
kind, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if kind in ("enum", "list"):
    head = "openapi: 3.0.3\ninfo: {title: Long, version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n"
    if kind == "enum":
        body = "    E: {type: string, description: Many., enum: [%s]}\n" % ", ".join(f"v{i}" for i in range(n))
    else:
        body = "    L: {type: array, description: Many., items: {type: integer}, example: [%s]}\n" % ", ".join(str(i) for i in range(n))
    open(path, "w").write(head + body)
    sys.exit()
ref = lambda name: {"$ref": f"#/components/schemas/{name}"}
body = {"application/json": {"schema": ref("S0")}}
doc = {
    "openapi": "3.0.3",
    "info": {"title": "Hostile", "version": "1.0.0", "contact": {"name": "Team"}},
    "paths": {"/things": {
        "get": {"operationId": "get_thing", "responses": {"200": {"description": "The thing.", "content": body}}},
        "post": {"operationId": "put_thing", "requestBody": {"content": body}, "responses": {"204": {"description": "Stored."}}},
    }},
    "components": {"schemas": {}},
}
s = doc["components"]["schemas"]
if kind == "fanout":
    # 2^N paths from S0 to the last schema.
    for i in range(n):
        s[f"S{i}"] = {"anyOf": [ref(f"S{i+1}"), ref(f"S{i+1}")]}
    s[f"S{n}"] = {"type": "object", "properties": {"v": {"type": "string"}}}
elif kind == "allof":
    # S0 merges the whole chain; each link adds nothing of its own, so the models stay linear.
    for i in range(n):
        s[f"S{i}"] = {"description": f"Link {i}.", "allOf": [ref(f"S{i+1}"), {"description": "A link."}]}
    s[f"S{n}"] = {"type": "object", "properties": {"last": {"type": "string"}}}
elif kind == "allofprops":
    # Each link adds a property: S{i} holds N - i + 1 of them.
    for i in range(n):
        s[f"S{i}"] = {"allOf": [ref(f"S{i+1}"), {"type": "object", "properties": {f"p{i}": {"type": "string"}}}]}
    s[f"S{n}"] = {"type": "object", "properties": {"last": {"type": "string"}}}
elif kind == "oneline":
    # Two findings per schema (a camelCase property, an unused component), padded to 8 MB at 1,400.
    for i in range(n // 2):
        s[f"U{i}"] = {"type": "object", "description": "x" * 11400, "properties": {f"badName{i}": {"type": "string"}}}
    s["S0"] = {"type": "string"}
elif kind == "patterns":
    # Distinct patterns, each a large automaton (Unicode classes under counted repetition),
    # compiled to check the property's example against it.
    s["S0"] = {"type": "object", "properties": {
        f"p{i}": {"type": "string", "example": "abc", "pattern": "^(\\w{1,%d}[\\p{L}\\d]{2,%d}){1,%d}$" % (50 + i % 50, 30 + i % 7, 5 + i // 100)}
        for i in range(n)}}
open(path, "w").write(json.dumps(doc, separators=(",", ":")))
