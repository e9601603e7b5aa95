"""The database going away, for real: the app runs in a subprocess whose DATABASE_URL points
at a port we control, never at the shared server itself (which is never stopped).

Without PostgreSQL the port has nothing behind it. With PostgreSQL (CI's second run) a
small TCP relay on that port leads to the test database, and is shut to take the database
away and opened again to bring it back.
"""

import contextlib
import os
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from tests.factories import PartnershipFactory

ROOT = Path(settings.BASE_DIR)
PROBLEM = "Sorry, there is a problem with the service"
# The app, in its own process, called as gunicorn calls it (through Django's WSGI handler,
# which closes a broken database connection at the end of a request, as in production; the
# test client would keep it). It reads a path and an optional session cookie per line, and
# answers with the status and whether the page is the outage page (or a traceback).
APP = """
import sys
from wsgiref.util import setup_testing_defaults
import django
django.setup()
from django.conf import settings
from django.core.wsgi import get_wsgi_application
# As in every test: templates name static files that collectstatic has not hashed here.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
application = get_wsgi_application()
for line in sys.stdin:
    path, _, cookie = line.strip().partition(" ")
    environ = {"PATH_INFO": path, "HTTP_HOST": "testserver"}
    if cookie:
        environ["HTTP_COOKIE"] = "sessionid=" + cookie
    setup_testing_defaults(environ)
    status = []
    response = application(environ, lambda code, headers: status.append(code))
    body = b"".join(response).decode()
    response.close()
    print(status[0].split()[0], "problem" if PROBLEM in body else "page",
          "traceback" if "Traceback" in body else "", flush=True)
""".replace("PROBLEM", repr(PROBLEM))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class App:
    """The app in a subprocess, with DEBUG=0, its database at 127.0.0.1:port."""

    def __init__(self, port: int, name: str, user: str = "postgres", password: str = ""):
        auth = f"{user}:{password}" if password else user
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "csp.settings",
            "DEBUG": "0",
            "SECRET_KEY": settings.SECRET_KEY,  # so it reads the sessions the tests make
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "0",
            "REQUIRE_TWO_FACTOR": "0",
            "DATABASE_URL": f"postgres://{auth}@127.0.0.1:{port}/{name}",
            "PYTHONPATH": str(ROOT),
        }
        # Its log goes to a file: a pipe nobody reads would fill and stop the app.
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "-c", APP],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )

    def get(self, path: str, cookie: str = "") -> tuple[int, str, str]:
        self.process.stdin.write(f"{path} {cookie}\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, f"the app stopped: {self.read_log()}"
        status, kind, *traceback = line.split()
        return int(status), kind, " ".join(traceback)

    def read_log(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> str:
        """Stop the app (again, harmlessly) and return its log."""
        if not self.log.closed:
            self.process.stdin.close()
            self.process.wait(timeout=30)
            self.final_log = self.read_log()
            self.log.close()
        return self.final_log


@pytest.fixture
def app_without_database():
    app = App(free_port(), "csp_outage")
    yield app
    app.stop()


def test_pages_answer_503_when_nothing_listens_at_the_database_port(app_without_database):
    public = reverse("performance:public_summary", args=["northfield"])
    assert app_without_database.get(public) == (503, "problem", "")
    signed_in = reverse("actions:mine")
    assert app_without_database.get(signed_in, cookie="a-session-key") == (503, "problem", "")
    log = app_without_database.stop()
    assert "Database unreachable" in log or "Service Unavailable" in log


class Relay:
    """A TCP relay 127.0.0.1:port -> the database server, that can be shut and reopened."""

    def __init__(self, port: int, target: tuple[str, int]):
        self.port, self.target, self.server, self.sockets = port, target, None, []

    def open(self):
        relay = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                upstream = socket.create_connection(relay.target)
                relay.sockets += [self.request, upstream]
                pump = threading.Thread(target=copy, args=(upstream, self.request), daemon=True)
                pump.start()
                copy(self.request, upstream)
                pump.join()

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def shut(self):
        """Stop listening and cut every open connection, as a database going down does."""
        self.server.shutdown()
        self.server.server_close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets = []


def copy(source: socket.socket, sink: socket.socket):
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


@pytest.mark.django_db(transaction=True)
def test_the_next_request_works_once_the_database_is_back(client, alice, partnership):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...): CI's second run has it")
    PartnershipFactory(slug="public-one", name="Openshire CSP", public_summary_enabled=True)
    client.force_login(alice)  # a session the app in the subprocess reads from the database
    cookie = client.cookies["sessionid"].value
    db = connection.settings_dict
    relay = Relay(free_port(), (db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    relay.open()
    app = App(relay.port, db["NAME"], db["USER"] or "postgres", db["PASSWORD"] or "")
    page = reverse("partnerships:detail", args=[partnership.slug])
    public = reverse("performance:public_summary", args=["public-one"])
    try:
        assert app.get(page, cookie) == (200, "page", "")
        relay.shut()  # the database goes away under an open connection
        assert app.get(page, cookie) == (503, "problem", "")
        assert app.get(public) == (503, "problem", "")
        relay.open()  # and comes back
        assert app.get(page, cookie) == (200, "page", "")
        assert app.get(public) == (200, "page", "")
    finally:
        relay.shut()
        log = app.stop()
    assert "Database unreachable" in log
