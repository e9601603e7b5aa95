from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"

    def ready(self):
        # At sign-in, note in the session what the user still has to do (a two-factor code,
        # or setting it up) and when it was last used, so later requests need no query.
        from django.contrib.auth.signals import user_logged_in

        from partnerships import sessions

        user_logged_in.connect(sessions.on_sign_in, dispatch_uid="partnerships.on_sign_in")
