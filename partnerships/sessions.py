"""What a signed-in session still needs, kept in the session itself: the two-factor step
the user is at, and when the session was last used (for the idle timeout).

Both are written at sign-in, so an ordinary page costs no query and no write for them.
"""

import time

from django.contrib.auth import SESSION_KEY

STEP_KEY = "csp_two_factor_step"
USED_KEY = "csp_last_used"
# A session's expiry is renewed at most this often: a write per minute, not per page.
RENEW_EVERY_SECONDS = 60


class Step:
    NONE = "none"  # nothing more to do
    VERIFY = "verify"  # has an authenticator app: must give a code
    SET_UP = "set_up"  # must use two-factor sign-in and has no app yet


def step_for(user) -> str:
    from partnerships import two_factor

    if two_factor.has_two_factor(user):
        return Step.VERIFY
    if two_factor.must_use_two_factor(user):
        return Step.SET_UP
    return Step.NONE


def on_sign_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[STEP_KEY] = step_for(user)
    request.session[USED_KEY] = int(time.time())


def step_of(request) -> str:
    """The session's step; worked out once for a session signed in before this was kept."""
    step = request.session.get(STEP_KEY)
    if step is None:
        step = request.session[STEP_KEY] = step_for(request.user)
    return step


def recheck_step(request) -> str:
    """After the user's devices or roles changed (set up, removed, deleted by an admin)."""
    step = request.session[STEP_KEY] = step_for(request.user)
    return step


class IdleTimeoutMiddleware:
    """End sessions after settings.SESSION_COOKIE_AGE seconds without a request.

    Django's session expires that long after it was last saved; this saves a signed-in
    session again when it was last renewed over a minute ago, which moves its expiry (in
    the database and the cookie) to a full idle period from now.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            now = int(time.time())
            if now - session.get(USED_KEY, 0) >= RENEW_EVERY_SECONDS:
                session[USED_KEY] = now
        return self.get_response(request)
