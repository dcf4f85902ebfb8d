#!/usr/bin/env python3
"""Writes a spec split over files for scripts/bench-bundle.sh: bench_bundle_spec.py KIND N FOLDER.

headers: N responses (N/10 operations) each referencing three shared headers in headers.yaml;
files: N operations each a path item file referencing a shared response and schema file.
Writes FOLDER/openapi.yaml and the files it references.
"""
import os, sys
kind, n, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(folder, exist_ok=True)
out = ["openapi: 3.0.3", "info: {title: Split, version: 1.0.0, contact: {name: Team}}", "paths:"]
if kind == "headers":
    with open(os.path.join(folder, "headers.yaml"), "w") as f:
        for h in ("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"):
            f.write(f"{h}:\n  description: Rate limit.\n  schema: {{type: integer}}\n")
    # Ten responses per operation, so N responses are N/10 operations.
    for op in range(n // 10):
        out += [f"  /api/v1/things{op}:", "    get:", f"      operationId: get_things{op}", "      responses:"]
        for code in range(10):
            out += [f"        '{200 + code}':", "          description: A response.", "          headers:"]
            for h in ("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"):
                out.append(f"            {h}: {{$ref: 'headers.yaml#/{h}'}}")
elif kind == "files":
    os.makedirs(os.path.join(folder, "paths"), exist_ok=True)
    os.makedirs(os.path.join(folder, "shared"), exist_ok=True)
    with open(os.path.join(folder, "shared", "not_found.yaml"), "w") as f:
        f.write("description: Not found.\ncontent:\n  application/json:\n    schema: {$ref: Error.yaml}\n")
    with open(os.path.join(folder, "shared", "Error.yaml"), "w") as f:
        f.write("type: object\ndescription: An error.\nproperties:\n  code: {type: string}\n")
    for op in range(n):
        with open(os.path.join(folder, "paths", f"thing{op}.yaml"), "w") as f:
            f.write(f"get:\n  operationId: get_thing{op}\n  responses:\n    '200':\n      description: ok\n"
                    f"    '404': {{$ref: ../shared/not_found.yaml}}\n")
        out += [f"  /api/v1/things{op}:", f"    $ref: paths/thing{op}.yaml"]
with open(os.path.join(folder, "openapi.yaml"), "w") as f:
    f.write("\n".join(out) + "\n")
