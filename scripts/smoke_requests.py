"""The requests of the production smoke run (scripts/smoke_production): sign in through the
login form as a person would, then check the main pages, a static file by its hashed name
and the security headers. Standard library only. Exits 1, saying what failed.

    smoke_requests.py BASE_URL PASSWORD TOTP_KEY_HEX MANIFEST
"""

import hashlib
import hmac
import json
import re
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

FAILURES: list[str] = []


def check(ok: bool, what: str) -> bool:
    print(("  ok    " if ok else "  FAIL  ") + what)
    if not ok:
        FAILURES.append(what)
    return ok


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Keeps cookies itself: the Secure cookies of production are sent over plain HTTP to
    127.0.0.1, as a browser does to a local address, where urllib's cookie jar would not."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirects)

    def request(self, path: str, data: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, response.read().decode("utf-8", "replace")

    def get(self, path: str, data: dict | None = None, hops: int = 5):
        """GET (or POST with data), following redirects; the last response and its path."""
        status, headers, body = self.request(path, data)
        while status in (301, 302, 303) and hops:
            path = urllib.parse.urljoin(path, headers["Location"])
            status, headers, body = self.request(path)
            hops -= 1
        return status, headers, body, path

    def submit(self, path: str, fields: dict):
        """Open a form's page, then send the form with the CSRF token the page carries."""
        status, _, body, path = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if not check(status == 200 and token is not None, f"the form at {path} has a CSRF token"):
            return 0, {}, "", path
        return self.get(path, {"csrfmiddlewaretoken": token.group(1), **fields})


def totp(key_hex: str, at: float) -> str:
    """RFC 6238, as an authenticator app computes it (30 s steps, 6 digits, SHA-1)."""
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", int(at) // 30), hashlib.sha1)
    offset = digest.digest()[-1] & 0x0F
    number = struct.unpack(">I", digest.digest()[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def check_headers(headers, where: str, signed_in: bool):
    policy = headers.get("Content-Security-Policy", "")
    check(bool(policy), f"{where}: Content-Security-Policy is sent")
    check("'unsafe-inline'" not in policy, f"{where}: the policy has no 'unsafe-inline'")
    check("'unsafe-eval'" not in policy, f"{where}: the policy has no 'unsafe-eval'")
    check("frame-ancestors 'none'" in policy, f"{where}: the policy has frame-ancestors 'none'")
    check("camera=()" in headers.get("Permissions-Policy", ""), f"{where}: Permissions-Policy")
    check(headers.get("X-Content-Type-Options") == "nosniff", f"{where}: X-Content-Type-Options")
    check(bool(headers.get("Referrer-Policy")), f"{where}: Referrer-Policy")
    if signed_in:
        words = {w.strip() for w in headers.get("Cache-Control", "").split(",")}
        check({"private", "no-store"} <= words, f"{where}: Cache-Control private, no-store")


def page(browser: Browser, path: str, what: str) -> str:
    status, headers, body, final = browser.get(path)
    check(status == 200 and final == path, f"{what} {path}: 200 (got {status} at {final})")
    return body


def first_link(body: str, pattern: str, what: str) -> str | None:
    found = re.search(rf'href="({pattern})[?"]', body)  # the path, without any ?next=
    check(found is not None, f"{what}: a link to one is on the page")
    return found.group(1) if found else None


def signed_in_pages(base: str, password: str):
    print("As coordinator (no two-factor sign-in needed):")
    browser = Browser(base)
    status, headers, body, path = browser.submit(
        "/login/", {"username": "coordinator", "password": password}
    )
    check(status == 200 and path == "/", f"signing in lands on the home page (at {path})")
    check_headers(headers, "home, signed in", signed_in=True)
    partnership = first_link(body, r"/partnerships/[\w-]+/", "a partnership")
    plan = first_link(body, r"/plans/\d+/", "a plan")
    if partnership:
        page(browser, partnership, "a partnership")
        slug = partnership.split("/")[2]
        page(browser, f"/performance/partnerships/{slug}/", "its dashboard")
    if plan:
        page(browser, plan, "a plan")
    actions = page(browser, "/actions/", "all actions")
    action = first_link(actions, r"/actions/\d+/", "an action")
    if action:
        page(browser, action, "an action")
    page(browser, "/actions/mine/", "my actions")


def admin_pages(base: str, password: str, totp_key: str):
    print("As admin (staff: password, then a code from the authenticator app):")
    browser = Browser(base)
    status, _, _, path = browser.submit("/login/", {"username": "admin", "password": password})
    check(path.startswith("/account/two-factor/code/"), f"the admin is asked for a code ({path})")
    status, _, _, path = browser.submit(path, {"code": totp(totp_key, time.time())})
    check(status == 200 and path == "/", f"the code is accepted (at {path}, {status})")
    body = page(browser, "/admin/", "the admin index")
    check("Site administration" in body, "the admin index shows Site administration")


def public_pages(base: str, manifest: str):
    print("Signed out:")
    browser = Browser(base)
    status, headers, body, _ = browser.get("/login/")
    check(status == 200 and "Sign in" in body, "the sign-in page: 200")
    check_headers(headers, "sign-in page", signed_in=False)
    status, _, body, _ = browser.get("/no-such-page/")
    check(status == 404 and "Page not found" in body, "an unknown address: the 404 page")
    with open(manifest, encoding="utf-8") as file:
        hashed = json.load(file)["paths"]["dist/app.css"]
    check(hashed != "dist/app.css", f"the manifest names a hashed app.css ({hashed})")
    status, headers, body, _ = browser.get(f"/static/{hashed}")
    check(status == 200 and "govuk" in body, f"/static/{hashed}: 200")
    check("immutable" in headers.get("Cache-Control", ""), "the hashed file is cached for good")


def main(base: str, password: str, totp_key: str, manifest: str) -> int:
    public_pages(base, manifest)
    signed_in_pages(base, password)
    admin_pages(base, password, totp_key)
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed:", *FAILURES, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
