"""Signs in to a running Atrium server and writes a Schemathesis config for that identity.

Usage: prepare.py BASE_URL EMAIL PASSWORD OUT.toml [API_KEY]

The config carries the session cookie and CSRF header (so every request is signed in),
and dictionaries of ids that exist in the seeded database, so path parameters such as
`{org}` and `{id}` reach the handlers' real logic most of the time instead of answering
404 to random integers (the rest of the time Schemathesis still generates its own).
"""

import json
import sys
import urllib.request
from http.cookiejar import CookieJar

base, email, password, out = sys.argv[1:5]
api_key = sys.argv[5] if len(sys.argv) > 5 else ""
jar = CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def call(method, path, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("content-type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with opener.open(req) as res:
            text = res.read()
            return res.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        return e.code, None


status, me = call("POST", "/api/v1/auth/login", {"email": email, "password": password})
if status != 200:
    sys.exit(f"sign-in as {email} answered {status}")
cookies = {c.name: c.value for c in jar}
session, csrf = cookies["atrium_session"], cookies["atrium_csrf"]


def ids(path):
    status, body = call("GET", path)
    if status != 200 or not body:
        return []
    items = body["items"] if isinstance(body, dict) and "items" in body else body
    return [item["id"] for item in items if isinstance(item, dict) and "id" in item]


if me["org"]:
    orgs = [me["org"]["id"]]
else:
    orgs = ids("/api/v1/orgs")[:3]

# Resource ids of the chosen orgs: an id of another org's resource is a fine 404 case too.
per_org = {"conversations": [], "users": [], "teams": [], "canned-responses": [], "handoff-rules": [], "invoices": []}
for org in orgs:
    for kind in per_org:
        per_org[kind] += ids(f"/api/v1/orgs/{org}/{kind}")
if not me["org"] and not api_key:
    # A key for the ingest route (bearer auth, not the session). Its id is kept out of the
    # dictionaries, so the fuzzer revokes it only by a lucky guess.
    status, created = call("POST", "/api/v1/api-keys", None, {"X-CSRF-Token": csrf})
    if status == 201:
        api_key = created["secret"]
globals_ = {
    "plans": ids("/api/v1/plans"),
    "staff": [i for i in ids("/api/v1/staff") if i != me["user"]["id"]],
    "agents": ids("/api/v1/agents"),
}


def toml_list(values):
    return "[" + ", ".join(str(v) for v in values) + "]"


lines = [
    "# Written by tests/fuzz/prepare.py for one run; do not edit.",
    f'headers = {{ Cookie = "atrium_session={session}; atrium_csrf={csrf}", "X-CSRF-Token" = "{csrf}"'
    + (f', Authorization = "Bearer {api_key}"' if api_key else "")
    + " }",
    "",
]
dictionaries = {"org": orgs, **{k.replace("-", "_"): v for k, v in per_org.items()}, **globals_}
dictionaries = {k: v for k, v in dictionaries.items() if v}
for name, values in dictionaries.items():
    lines.append(f"[dictionaries.{name}]")
    lines.append(f"values = {toml_list(values)}")
    lines.append("")

# Which dictionary feeds the `{id}` of which paths.
id_sources = [
    (r"^/api/v1/orgs/\{org\}/conversations/\{id\}", "conversations"),
    (r"^/api/v1/orgs/\{org\}/users/\{id\}", "users"),
    (r"^/api/v1/orgs/\{org\}/teams/\{id\}", "teams"),
    (r"^/api/v1/orgs/\{org\}/canned-responses/\{id\}", "canned_responses"),
    (r"^/api/v1/orgs/\{org\}/handoff-rules/\{id\}", "handoff_rules"),
    (r"^/api/v1/orgs/\{org\}/invoices/\{id\}", "invoices"),
    (r"^/api/v1/plans/\{id\}", "plans"),
    (r"^/api/v1/staff/\{id\}", "staff"),
    (r"^/api/v1/agents/\{id\}", "agents"),
]
for regex, name in id_sources:
    params = []
    if r"\{org\}" in regex and "org" in dictionaries:
        params.append('"path.org" = { dictionary = "org", probability = 0.8 }')
    if name in dictionaries:
        params.append(f'"path.id" = {{ dictionary = "{name}", probability = 0.8 }}')
    if not params:
        continue
    lines.append("[[operations]]")
    lines.append(f"include-path-regex = '{regex}'")
    lines.append("parameters = { " + ", ".join(params) + " }")
    lines.append("")
if "org" in dictionaries:
    lines.append("[[operations]]")
    lines.append(r"include-path-regex = '^/api/v1/orgs/\{org\}(/[a-z-]+)*$'")
    lines.append('parameters = { "path.org" = { dictionary = "org", probability = 0.8 } }')
    lines.append("")

with open(out, "w") as f:
    f.write("\n".join(lines))
print(f"signed in as {email}: orgs {orgs}, " + ", ".join(f"{k} {len(v)}" for k, v in dictionaries.items()))
