#!/usr/bin/env python3
"""Compares apigen check with Spectral and Redocly CLI on the reports scripts/compare-linters.sh
wrote: prints, per document, the structural defects an anchor linter reports that apigen does
not, minus the documented deliberate differences. Usage: compare_linters.py OUT_DIR DOCUMENT...
"""
import json, os, re, sys

out, docs = sys.argv[1], sys.argv[2:]

# Anchor rule -> the apigen rules that report the same defect. A finding is matched
# when apigen reports one of these rules at the same JSON pointer, or at an
# ancestor or descendant of it (anchors and apigen blame the same node at
# different depths: an operation or its `responses`, a schema or its `example`).
MAPPING = {
    # Spectral spectral:oas
    "oas3-schema": ["oas-parse", "oas-required-field", "oas-discriminator", "oas-keyword-type", "oas-server-variables"],
    "oas3-unused-component": ["oas-unused-component"],
    "oas3-valid-schema-example": ["oas-example-valid", "oas-default-valid"],
    "oas3-valid-media-example": ["oas-example-valid"],
    "operation-operationId": ["oas-operation-id"],
    "operation-operationId-unique": ["oas-operation-id"],
    "operation-operationId-valid-in-url": ["oas-operation-id-usable"],
    "operation-tag-defined": ["docs-operation-tags"],
    "operation-tags": ["docs-operation-tags"],
    "operation-success-response": ["status-success-required"],
    "operation-parameters": ["oas-parameter-unique"],
    "path-params": ["oas-path-params", "oas-path-ambiguous"],
    "path-keys-no-trailing-slash": ["path-no-trailing-slash"],
    "no-$ref-siblings": ["oas-ref-siblings"],
    "array-items": ["oas-keyword-type"],
    "typed-enum": ["oas-enum-type"],
    "duplicated-entry-in-enum": ["oas-enum-type"],
    "oas3-server-variables": ["oas-server-variables"],
    "info-contact": ["docs-info-contact"],
    # Redocly recommended
    "struct": ["oas-parse", "oas-required-field", "oas-discriminator", "oas-keyword-type", "oas-server-variables"],
    "no-unresolved-refs": ["oas-ref-resolves"],
    "no-unused-components": ["oas-unused-component"],
    "no-invalid-media-type-examples": ["oas-example-valid"],
    "no-invalid-schema-examples": ["oas-example-valid", "oas-default-valid"],
    "no-invalid-parameter-examples": ["oas-example-valid"],
    "operation-operationId": ["oas-operation-id"],
    "operation-operationId-unique": ["oas-operation-id"],
    "operation-operationId-url-safe": ["oas-operation-id-usable"],
    "operation-summary": ["docs-operation-summary"],
    "operation-2xx-response": ["status-success-required"],
    "operation-4xx-response": ["error-responses"],
    "security-defined": ["security-required"],
    "path-parameters-defined": ["oas-path-params"],
    "path-declaration-must-exist": ["oas-path-params"],
    "no-path-trailing-slash": ["path-no-trailing-slash"],
    "no-ambiguous-paths": ["oas-path-ambiguous"],
    "no-identical-paths": ["oas-path-ambiguous"],
    "spec-ref-siblings": ["oas-ref-siblings"],
    "no-required-schema-properties-undefined": ["oas-required-defined", "oas-keyword-type"],
    "no-enum-type-mismatch": ["oas-enum-type"],
    "no-schema-type-mismatch": ["oas-keyword-type"],
    "nullable-type-sibling": ["oas-keyword-type", "oas-ref-siblings"],
    "no-illogical-composition-keywords": ["oas-discriminator"],
    "operation-parameters-unique": ["oas-parameter-unique"],
}

# Deliberate differences: (anchor, rule, message pattern or None, reason[, condition]).
# An entry with a condition applies only where the condition (CONDITIONS below) holds.
DELIBERATE = [
    ("spectral", "operation-description", None,
     "documentation style: the standard asks for a `summary` on every operation (docs-operation-summary), not a description"),
    ("spectral", "info-description", None, "documentation style: the standard does not ask for an API description"),
    ("redocly", "tag-description", None, "documentation style: the standard does not ask for tag descriptions"),
    ("redocly", "info-license", None, "the standard does not ask for a licence"),
    ("redocly", "info-license-strict", None, "the standard does not ask for a licence"),
    ("redocly", "no-server-example.com", None, "documentation style: placeholder hosts are a choice of the document's authors"),
    ("spectral", "oas3-server-trailing-slash", None,
     "not a defect: clients (apigen's included) join the server URL and the path without doubling the slash"),
    ("redocly", "no-server-trailing-slash", None,
     "not a defect: clients (apigen's included) join the server URL and the path without doubling the slash"),
    ("spectral", "oas3-api-servers", None,
     "not a defect: without `servers` OpenAPI's default `/` applies (paths relative to where the document is served)"),
    ("redocly", "no-empty-servers", None,
     "not a defect: without `servers` OpenAPI's default `/` applies (paths relative to where the document is served)"),
    ("redocly", "no-illogical-composition-keywords", r"should have at least two schemas",
     "not a defect: a one-member `allOf` is how OpenAPI 3.0 adds `description`/`nullable` to a `$ref` (what oas-ref-siblings recommends)"),
    ("redocly", "no-illogical-composition-keywords", r"must be mutually exclusive",
     "cannot be told without proving that no value matches two members; open object schemas always overlap, so apigen stays silent"),
    ("spectral", "oas3-valid-media-example", r"exactly one schema in oneOf",
     "an example matching several `oneOf` members shows that the members overlap, which apigen does not judge (see `must be mutually exclusive`); an example matching none is reported"),
    ("spectral", "oas3-valid-schema-example", r"exactly one schema in oneOf",
     "an example matching several `oneOf` members shows that the members overlap, which apigen does not judge; an example matching none is reported"),
    ("redocly", "no-invalid-media-type-examples", r"exactly one schema in oneOf",
     "an example matching several `oneOf` members shows that the members overlap, which apigen does not judge; an example matching none is reported"),
    ("redocly", "no-invalid-media-type-examples", r"unevaluated properties",
     "not a defect: JSON Schema allows properties a schema does not declare unless `additionalProperties: false` (Redocly's recommended config closes every schema)"),
    ("redocly", "no-invalid-schema-examples", r"unevaluated properties",
     "not a defect: JSON Schema allows properties a schema does not declare unless `additionalProperties: false` (Redocly's recommended config closes every schema)"),
    ("redocly", "no-invalid-parameter-examples", r"unevaluated properties",
     "not a defect: JSON Schema allows properties a schema does not declare unless `additionalProperties: false` (Redocly's recommended config closes every schema)"),
    ("redocly", "no-invalid-schema-examples", r"Example validation errored",
     "the anchor's validator failed on the schema itself (its own error), so there is no finding to compare"),
    ("spectral", "oas3-valid-schema-example", r"resolves to more than one schema",
     "an error of the anchor's validator: the example's data holds a `$ref`-like string, which is data, not a reference"),
    ("spectral", "oas3-valid-schema-example", r"must be equal to one of the allowed values",
     "`null` in a `nullable: true` enum: OpenAPI 3.0.3 asks for `null` in the enum too, 3.0.0-3.0.2 did not, and every generator (apigen's included) reads the field as an optional enum",
     "null_value"),
    ("redocly", "no-invalid-schema-examples", r"must be equal to one of the allowed values",
     "`null` in a `nullable: true` enum (see above)", "null_value"),
    ("spectral", "oas3-valid-media-example", None,
     "the anchor followed a `$ref` written inside example data and reports its target; apigen reports the example that holds the `$ref` (example data cannot reference)",
     "referenced_example"),
    ("redocly", "no-invalid-media-type-examples", None,
     "the anchor followed a `$ref` written inside example data and reports its target (see above)", "referenced_example"),
    ("spectral", "oas3-valid-media-example", None,
     "a sub-error of an example that matches several `oneOf` members, or that follows from Redocly closing every schema (see above)",
     "follows_from_other"),
    ("redocly", "no-invalid-media-type-examples", None,
     "a sub-error that follows from closing every schema or from overlapping `oneOf` members (see above)", "follows_from_other"),
    ("redocly", "nullable-type-sibling", None, "`nullable: false` without `type`: false is the default, nothing is lost", "nullable_false"),
    ("spectral", "oas3-valid-schema-example", r'"nullable" cannot be used without "type"',
     "`nullable: false` without `type`: false is the default, nothing is lost", "nullable_false"),
    ("spectral", "no-$ref-siblings", None, "a `$ref` key inside `example` values is data, not a reference", "in_example"),
    ("redocly", "struct", r"\{\$request",
     "`x-webhooks` is an extension (Redocly's own convention for webhooks) whose content apigen does not judge", "x_webhooks"),
    ("redocly", "no-unused-components", None,
     "components referenced only from extensions (`x-webhooks`): apigen counts every `$ref` of the document as a use", "referenced"),
    ("redocly", "operation-4xx-response", None,
     "operations inside `callbacks` are requests the API sends to the client's server; the standard's response rules apply to the API's own operations",
     "in_callbacks"),
    ("redocly", "operation-2xx-response", None,
     "callbacks, and redirect-only endpoints (OAuth `connect`, a booking redirect, a download redirect): their success is the redirect, which status-success-required accepts",
     "callback_or_redirect"),
    ("redocly", "security-defined", None,
     "operations on `public-paths` (the health endpoint), with an explicit `security: []` (which the standard allows), or inside `callbacks` (requests the API sends)",
     "public_or_callback"),
    ("redocly", "no-required-schema-properties-undefined", None,
     "a schema that is an `allOf` part: the schemas combining it define the property (apigen judges the combination, not the part)",
     "allof_part"),
    ("spectral", "operation-tag-defined", None,
     "documents without a root `tags` list: the list is optional, and apigen then takes every operation tag as a resource name (with a list, undeclared tags are reported)",
     "no_root_tags"),
]

CONDITIONS = {
    "null_value": lambda c, pointer, message: c["value_at"](pointer) is None,
    "referenced_example": lambda c, pointer, message: pointer.startswith("/components/examples/") and c["referenced"](pointer),
    "follows_from_other": lambda c, pointer, message: any(
        f[3] != message and f[2] != pointer and common_example(f[2], pointer)
        and ("unevaluated properties" in f[3] or "exactly one schema in oneOf" in f[3]) for f in c["findings"]),
    "nullable_false": lambda c, pointer, message: c["version"].startswith("3.1") or not c["nullable_true_without_type"](pointer),
    "in_example": lambda c, pointer, message: "/example" in pointer,
    "x_webhooks": lambda c, pointer, message: pointer.startswith("/x-webhooks"),
    "referenced": lambda c, pointer, message: c["referenced"](pointer),
    "in_callbacks": lambda c, pointer, message: "/callbacks/" in pointer,
    "callback_or_redirect": lambda c, pointer, message: "/callbacks/" in pointer or c["redirect_only"](pointer),
    "public_or_callback": lambda c, pointer, message: pointer in c["open"] or "/callbacks/" in pointer,
    "allof_part": lambda c, pointer, message: any(pointer.startswith(p + "/") for p in c["allof_parts"]) or re.search(r"/allOf/\d+/required/", pointer),
    "no_root_tags": lambda c, pointer, message: not c["root_tags"],
}

def common_example(a, b):
    """Whether two pointers lie in the same example value (`…/examples/X/value…` or `…/example…`)."""
    pattern = r"^(.*?/(?:examples/[^/]+/value|example))(?:/|$)"
    ma, mb = re.match(pattern, a), re.match(pattern, b)
    return bool(ma and mb and ma.group(1) == mb.group(1))

POINTER_CHARS = re.compile(r"[~/]")

def esc(token):
    return str(token).replace("~", "~0").replace("/", "~1")

def segments(pointer):
    return [s for s in pointer.split("/")[1:]] if pointer else []

def related(a, b):
    sa, sb = segments(a), segments(b)
    n = min(len(sa), len(sb))
    return sa[:n] == sb[:n] and n >= min(2, max(len(sa), len(sb)))

def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None

def anchor_findings(name):
    found = []
    spectral = load(os.path.join(out, name + ".spectral.json"))
    if spectral is None:
        found.append(("spectral", "(no output)", "", "spectral did not produce a report"))
    for d in spectral or []:
        found.append(("spectral", d["code"], "/" + "/".join(esc(p) for p in d["path"]) if d.get("path") else "", d["message"]))
    redocly = load(os.path.join(out, name + ".redocly.json"))
    if redocly is None:
        found.append(("redocly", "(no output)", "", "redocly did not produce a report"))
    for d in (redocly or {}).get("problems", []):
        loc = (d.get("location") or [{}])[0].get("pointer", "#")
        found.append(("redocly", d["ruleId"], loc[1:] if loc.startswith("#") else loc, d["message"]))
    return found

def yaml_root_keys(path):
    """The top-level keys of a YAML document (enough to tell whether it has `tags`), without a YAML library."""
    keys = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"^([A-Za-z_][\w-]*):", line)
            if m:
                keys[m.group(1)] = True
    return keys

def deliberate(anchor, rule, message, pointer, context):
    for entry in DELIBERATE:
        a, r, pattern, reason = entry[:4]
        if a != anchor or r != rule or (pattern and not re.search(pattern, message)):
            continue
        if len(entry) == 4 or CONDITIONS[entry[4]](context, pointer, message):
            return reason
    return None

passed = failed = 0
by_rule = {}
totals = {"anchor findings": 0, "matched": 0, "deliberate": 0, "missing": 0}
verbose = os.environ.get("VERBOSE") == "1"
for doc in docs:
    name = os.path.basename(doc)
    report = load(os.path.join(out, name + ".apigen.json"))
    if report is None:
        print(f"{name}: apigen produced no report")
        failed += 1
        continue
    apigen_by_rule = {}
    for d in report["diagnostics"]:
        apigen_by_rule.setdefault(d["rule"], []).append(d["pointer"])
    # Context for deliberate differences: operations apigen deems public, schemas used as allOf parts.
    source = load(doc) if doc.endswith(".json") else None
    root_keys = source if source is not None else yaml_root_keys(doc)
    raw_text = open(doc).read()

    def value_at(pointer, root=source):
        node = root
        for token in segments(pointer):
            token = token.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                return "absent"
        return node

    def redirect_only(pointer):
        responses = value_at(pointer)
        codes = [str(k) for k in responses] if isinstance(responses, dict) else []
        return any(c.startswith("3") for c in codes) and not any(c.startswith("2") for c in codes)

    def referenced(pointer):
        return ('"#' + pointer + '"') in raw_text or ("'#" + pointer + "'") in raw_text

    def nullable_true_without_type(pointer):
        node = value_at(pointer.rsplit("/nullable", 1)[0] if pointer.endswith("/nullable") else pointer)
        stack = [node]
        while stack:
            n = stack.pop()
            if isinstance(n, dict):
                if n.get("nullable") is True and "type" not in n and "$ref" not in n:
                    return True
                stack.extend(v for k, v in n.items() if k not in ("example", "examples", "default", "enum"))
            elif isinstance(n, list):
                stack.extend(n)
        return False

    public_ops = {
        "nullable_true_without_type": nullable_true_without_type,
        "open": set(), "allof_parts": set(), "root_tags": bool(root_keys.get("tags")),
        "value_at": value_at, "redirect_only": redirect_only, "referenced": referenced,
        "version": str((source or {}).get("openapi", "")),
    }
    if source is not None:
        root_security = source.get("security")
        for path, item in (source.get("paths") or {}).items():
            for method, op in (item or {}).items():
                if isinstance(op, dict) and method in ("get", "put", "post", "delete", "patch", "head", "options", "trace"):
                    at = "/paths/" + esc(path) + "/" + method
                    if op.get("security") == [] or path in ("/health", "/api/health"):
                        public_ops["open"].add(at)
        def walk(node):
            if isinstance(node, dict):
                for part in node.get("allOf", []) if isinstance(node.get("allOf"), list) else []:
                    ref = part.get("$ref") if isinstance(part, dict) else None
                    if isinstance(ref, str) and ref.startswith("#"):
                        public_ops["allof_parts"].add(ref[1:])
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)
        walk(source)
    missing = []
    findings = anchor_findings(name)
    public_ops["findings"] = findings
    for anchor, rule, pointer, message in findings:
        totals["anchor findings"] += 1
        wanted, at = MAPPING.get(rule), pointer
        if '"nullable" cannot be used without "type"' in message:
            # Reported while validating an example, but the defect is the schema's (oas-keyword-type).
            wanted, at = ["oas-keyword-type", "oas-ref-siblings"], pointer.rsplit("/example", 1)[0]
        # apigen reports the keys beside a `$ref`, or a schema's unknown keys, once per object.
        siblings = rule in ("no-$ref-siblings", "spec-ref-siblings", "struct")
        parent = at.rsplit("/", 1)[0]
        if wanted and any(related(at, q) or (siblings and q.rsplit("/", 1)[0] == parent) for r in wanted for q in apigen_by_rule.get(r, [])):
            totals["matched"] += 1
            continue
        reason = deliberate(anchor, rule, message, pointer, public_ops)
        if reason:
            totals["deliberate"] += 1
            if verbose:
                print(f"  skip {anchor} {rule} {pointer}: {reason}")
            continue
        missing.append((anchor, rule, pointer, message))
    totals["missing"] += len(missing)
    for m in missing:
        by_rule[(m[0], m[1])] = by_rule.get((m[0], m[1]), 0) + 1
    if missing:
        failed += 1
        print(f"{name}: {len(missing)} missing")
        for anchor, rule, pointer, message in missing[:50]:
            print(f"  {anchor} {rule} #{pointer}: {message[:160]}")
        if len(missing) > 50:
            print(f"  … {len(missing) - 50} more")
    else:
        passed += 1
        if verbose:
            print(f"{name}: ok")

print()
print("deliberate differences (not counted as missing):")
for entry in DELIBERATE:
    anchor, rule, pattern, reason = entry[:4]
    what = f" ({pattern})" if pattern else ""
    print(f"  {anchor} {rule}{what}: {reason}")
if by_rule:
    print()
    print("missing by rule:")
    for (anchor, rule), n in sorted(by_rule.items(), key=lambda kv: -kv[1]):
        print(f"  {n:5} {anchor} {rule}")
print()
print(", ".join(f"{v} {k}" for k, v in totals.items()))
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
