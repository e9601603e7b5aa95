"""Whether a progress update shows on the public summary, and who decides.

Updates are internal unless someone chose to publish them. A coordinator (anyone holding
actions.publish_update, see partnerships/rules.py) publishes and withdraws. An agency officer
asks on the update form: the update is published at once, or, where the partnership requires
approval, waits for a coordinator.
"""

from actions.models import Action, ProgressUpdate, Publication


def on_saving(user, action: Action, wants_public: bool) -> str:
    """The publication state of a new update, from the box ticked on the form."""
    if not wants_public:
        return Publication.INTERNAL
    if user.has_perm("actions.publish_update", action):
        return Publication.PUBLISHED
    if action.plan.partnership.publication_needs_approval:
        return Publication.REQUESTED
    return Publication.PUBLISHED


def change(update: ProgressUpdate, publication: str) -> bool:
    """Publish (or approve) or withdraw (or decline) an update; whether anything changed."""
    if publication == update.publication:
        return False
    update.publication = publication
    update.save(update_fields=["publication"])
    return True


def saved_message(publication: str) -> str:
    return {
        Publication.INTERNAL: "Your progress update has been saved.",
        Publication.PUBLISHED: (
            "Your progress update has been saved and is shown on the public summary."
        ),
        Publication.REQUESTED: (
            "Your progress update has been saved. It will be shown on the public summary "
            "once a coordinator approves it."
        ),
    }[publication]


def changed_message(update: ProgressUpdate, was: str) -> str:
    if update.publication == Publication.PUBLISHED:
        verb = "approved: it is" if was == Publication.REQUESTED else "is now"
        return f"The update of {update.date:%-d %B %Y} {verb} shown on the public summary."
    if was == Publication.REQUESTED:
        return f"The request to publish the update of {update.date:%-d %B %Y} was declined."
    return f"The update of {update.date:%-d %B %Y} has been withdrawn from the public summary."
