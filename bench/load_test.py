"""Load test: gunicorn on PostgreSQL, driven by locust, headless, bounded, 127.0.0.1 only.

    .venv/bin/python bench/load_test.py                       # 50 users for 60 s
    .venv/bin/python bench/load_test.py --users 10 --seconds 15

It makes a PostgreSQL database of its own (csp_load on 127.0.0.1, dropped and made anew),
migrates it, collects the static files, loads the demo (the seed documents and the demo
users), starts gunicorn with DEBUG=0 and SECURE_SSL_REDIRECT=0 on 127.0.0.1, then runs
`--users` locust users: each signs in as the demo coordinator (all of them before the timed
run starts, as signing in hashes a password; reported apart), then for `--seconds`, with a
pause of 0.5 to 1.5 s between tasks, reads (80% of tasks: dashboards, the action list, action
pages, partnership pages) or adds a progress update (20%: the form, then its POST). At the
end it stops gunicorn and prints the throughput, p50/p95/p99 and the error count, overall and
per kind of request. A request counts as an error if it fails or answers other than
expected (200 for a page, 302 for a saved update). docs/reliability.md holds a run.
"""

import argparse
import json
import os
import random
import re
import secrets
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task
from locust.env import Environment

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LOCAL = {"127.0.0.1"}
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/csp_load"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# What the users visit: filled in by main() before they start.
TARGETS = {"password": "", "slugs": [], "actions": []}
SIGNED_IN = []  # users past sign-in
# Signing in hashes a password (PBKDF2, deliberately slow): it happens before the timed run.
RAMP_UP_LIMIT = 300

LIST_TARGETS = """
import json
from actions.models import Action
from partnerships.models import Partnership
print(json.dumps({
    "slugs": list(Partnership.objects.values_list("slug", flat=True)),
    "actions": list(Action.objects.order_by("pk").values_list("pk", flat=True)),
}))
"""


def send_secure_cookies_over_plain_http():
    """With DEBUG=0 the service marks its cookies Secure. Browsers still send those to a
    local address over http; Python's cookie jars would not (and requests builds a fresh jar
    with the default policy for every request), so every user would be signed out. In this
    process only, the default policy sends them."""
    DefaultCookiePolicy.return_ok_secure = lambda self, cookie, request: True


class Coordinator(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        page = self.client.get("/login/", name="sign in (form)").text
        response = self.client.post(
            "/login/",
            {
                "username": "coordinator",
                "password": TARGETS["password"],
                "csrfmiddlewaretoken": csrf_of(page),
            },
            name="sign in",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"Signing in failed: {response.status_code}")
        SIGNED_IN.append(self)

    def _read(self, url, name):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")

    @task(2)
    def dashboard(self):
        slug = random.choice(TARGETS["slugs"])
        self._read(f"/performance/partnerships/{slug}/", "dashboard")

    @task(2)
    def action_list(self):
        self._read("/actions/?period=all", "action list")

    @task(3)
    def action_page(self):
        pk = random.choice(TARGETS["actions"])
        self._read(f"/actions/{pk}/", "action page")

    @task(1)
    def partnership_page(self):
        slug = random.choice(TARGETS["slugs"])
        self._read(f"/partnerships/{slug}/", "partnership page")

    @task(2)
    def progress_update(self):
        pk = random.choice(TARGETS["actions"])
        url = f"/actions/{pk}/update/"
        with self.client.get(url, name="update (form)", catch_response=True) as response:
            if response.status_code != 200:
                return response.failure(f"{response.status_code}")
            token = csrf_of(response.text)
        today = time.localtime()
        data = {
            "csrfmiddlewaretoken": token,
            "text": f"Load test update {secrets.token_hex(4)}",
            "date_0": today.tm_mday,
            "date_1": today.tm_mon,
            "date_2": today.tm_year,
            "status": "in_progress",
            "rag": "green",
        }
        with self.client.post(
            url, data, name="update (save)", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}: not saved")


def csrf_of(page: str) -> str:
    found = CSRF_INPUT.search(page)
    if not found:
        raise RuntimeError("No CSRF token on the page")
    return found.group(1)


# Orchestration --------------------------------------------------------------------------


def refuse_remote(host: str, database_url: str):
    if host not in LOCAL:
        sys.exit(f"Refusing host {host!r}: this load test runs against 127.0.0.1 only.")
    db_host = urllib.parse.urlsplit(database_url).hostname
    if db_host not in LOCAL | {"localhost"}:
        sys.exit(f"Refusing database host {db_host!r}: a local PostgreSQL only (it is dropped).")


def recreate_database(database_url: str):
    import psycopg2

    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    if not re.fullmatch(r"csp_load\w*", name):
        sys.exit(f"Refusing database {name!r}: its name must start with csp_load (it is dropped).")
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    connection = psycopg2.connect(admin, connect_timeout=5)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def manage(env, *args) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare(env) -> dict:
    print("Preparing: migrate, collectstatic, load_demo ...", flush=True)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    demo = manage(env, "load_demo")
    password = re.search(r"Password: (\S+)", demo).group(1)
    targets = json.loads(manage(env, "shell", "-c", LIST_TARGETS).strip().splitlines()[-1])
    return {"password": password, **targets}


def start_gunicorn(env, host, port, workers):
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "csp.wsgi",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-" if env.get("LOAD_ACCESS_LOG") else "/dev/null",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{host}:{port}/login/", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not answer within 60 s")


def run_locust(base_url, users, seconds, seed):
    random.seed(seed)
    send_secure_cookies_over_plain_http()
    environment = Environment(user_classes=[Coordinator], host=base_url, events=events)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=max(1, users / 5))  # all users within 5 s
    ramp_up = time.monotonic()
    while len(SIGNED_IN) < users and time.monotonic() - ramp_up < RAMP_UP_LIMIT:
        gevent.sleep(0.2)
    sign_in = signing_in(environment.stats, len(SIGNED_IN), time.monotonic() - ramp_up)
    if len(SIGNED_IN) < users:
        runner.quit()
        sys.exit(f"{sign_in}\nNot every user signed in within {RAMP_UP_LIMIT} s; no figures.")
    environment.stats.reset_all()  # the figures are of the timed run alone
    started = time.monotonic()
    gevent.spawn_later(seconds, runner.quit)
    runner.greenlet.join()
    return environment.stats, time.monotonic() - started, sign_in


def signing_in(stats, count, elapsed) -> str:
    entry = stats.get("sign in", "POST")
    return (
        f"Ramp-up: {count} users signed in within {elapsed:.1f} s (sign-in p50 "
        f"{entry.get_response_time_percentile(0.5):.0f} ms, p95 "
        f"{entry.get_response_time_percentile(0.95):.0f} ms, errors {entry.num_failures}); "
        "not in the figures below."
    )


def report(stats, elapsed, sign_in, args):
    total = stats.total
    print("\n" + sign_in)
    print(f"\nUsers: {args.users}, for {elapsed:.1f} s against gunicorn ({args.workers} workers)")
    header = f"{'request':<20}{'count':>8}{'errors':>8}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}"
    print(header + "   (ms)")
    # Sign-in happened before the figures were reset: its rows are empty here.
    entries = [e for e in stats.entries.values() if e.num_requests]
    for entry in sorted(entries, key=lambda e: e.name) + [total]:
        name = "all" if entry is total else entry.name
        print(
            f"{name:<20}{entry.num_requests:>8}{entry.num_failures:>8}"
            f"{entry.num_requests / elapsed:>8.1f}"
            f"{entry.get_response_time_percentile(0.5):>8.0f}"
            f"{entry.get_response_time_percentile(0.95):>8.0f}"
            f"{entry.get_response_time_percentile(0.99):>8.0f}"
        )
    for error in stats.errors.values():
        print(f"error: {error.method} {error.name}: {error.error} ({error.occurrences} times)")
    print(
        f"\nThroughput {total.num_requests / elapsed:.1f} requests/s; errors {total.num_failures}"
    )
    return total.num_failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not (1 <= args.users <= 500 and 1 <= args.seconds <= 600):
        sys.exit("--users must be 1 to 500 and --seconds 1 to 600 (the run is bounded).")
    refuse_remote(args.host, args.database_url)
    recreate_database(args.database_url)
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": args.host,
        "DATABASE_URL": args.database_url,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }
    TARGETS.update(prepare(env))
    server = start_gunicorn(env, args.host, args.port, args.workers)
    try:
        stats, elapsed, sign_in = run_locust(
            f"http://{args.host}:{args.port}", args.users, args.seconds, args.seed
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    errors = report(stats, elapsed, sign_in, args)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
