"""Read an action's status and Red/Amber/Green rating from a Status, RAG or "On target" cell.

Each cell is read for both, and what it does not say is left "" (not stated):

| the cell says (any case, anywhere in the cell)                      | status      | RAG   |
|---------------------------------------------------------------------|-------------|-------|
| Red, R                                                              |             | red   |
| Amber, A, Yellow                                                    |             | amber |
| Green, G                                                            |             | green |
| Blue, Complete(d), Done, Achieved, Finished, Delivered, Closed      | completed   |       |
| Not complete(d), Not yet complete, Incomplete                       | in_progress |       |
| In progress, Underway, Started, Progressing, On track, Commenced    | in_progress |       |
| Ongoing, Continuous, Continuing                                      | ongoing     |       |
| Not started, Not yet started, Pending, Planned, Not due             | not_started |       |
| Cancelled, Withdrawn, Dropped, Stopped, No longer required, Deleted | cancelled   |       |
| Not on target, Off target, Behind, Not on track, No                 |             | red   |
| Near to target, Near target, Close to target, Partly, Partially     |             | amber |
| On target, On track, Achieved, Yes                                  |             | green |

Single letters count only as the whole cell ("G"), as do Yes and No. The status values are
those of actions.models.Action.Status; the RAG values those of Action.Rag.

An action whose document has no status column gets the status its progress update tells
(`status_from_progress`): work still to come ("to be extended", "being developed",
"initiated") is in progress, work that goes on ("ongoing", "throughout the year") ongoing,
work done ("delivered", "in post", "carried out", "held") completed. An update that denies
anything ("not", "no") tells nothing. What no cell or update tells is left "", and the
writer saves it as "Not known" rather than "Not started".
"""

import re

# Checked in order, so that "not started" is not read as "started", nor "not on target" as
# "on target".
_STATUS = (
    ("cancelled", r"cancell?ed|withdrawn|dropped|stopped|no longer required|deleted"),
    ("not_started", r"not (?:yet )?started|pending|planned|not (?:yet )?due"),
    ("in_progress", r"not (?:yet )?complete(?:d)?|incomplete"),
    ("completed", r"blue|complete(?:d)?|done|achieved|finished|delivered|closed"),
    ("ongoing", r"on ?going|continuous|continuing"),
    ("in_progress", r"in progress|under ?way|started|progressing|on track|commenced"),
)
# A colour named outright wins over words about the target: "Amber - behind schedule".
_RAG = (
    ("red", r"red"),
    ("amber", r"amber|yellow"),
    ("green", r"green"),
    ("red", r"not on (?:target|track)|off (?:target|track)|behind"),
    ("amber", r"(?:near|close) to target|near target|partly|partially"),
    ("green", r"on (?:target|track)|achieved"),
)
_WHOLE_CELL = {"r": "red", "a": "amber", "g": "green", "no": "red", "yes": "green"}
_STATUS_PATTERNS = [(value, re.compile(rf"\b(?:{words})\b")) for value, words in _STATUS]
_RAG_PATTERNS = [(value, re.compile(rf"\b(?:{words})\b")) for value, words in _RAG]


def read_status(text: str) -> tuple[str, str]:
    """(status, rag) a cell states; "" for what it does not."""
    text = " ".join(text.lower().replace("-", " ").split()).strip(" .")
    if not text:
        return "", ""
    return _first(_STATUS_PATTERNS, text), _WHOLE_CELL.get(text) or _first(_RAG_PATTERNS, text)


def _first(patterns, text: str) -> str:
    return next((value for value, pattern in patterns if pattern.search(text)), "")


# What a progress update says of how far its action has got, checked in this order: work
# still to come first ("delivered to 3 schools, to be extended to all"), then work that
# goes on ("courses run throughout the year"), then work done ("Worker in post").
_STILL_TO_COME = r"to be|will be|being|now being|yet to|under ?way|in progress|initiated|started"
_PROGRESS_STATUS = (
    ("in_progress", rf"\b(?:{_STILL_TO_COME})\b"),
    ("ongoing", r"\b(?:on ?going|continuing|continuous|throughout (?:the )?year|regular(?:ly)?)\b"),
    (
        "completed",
        r"\b(?:done|complete(?:d)?|delivered|in post|achieved|finished|carried out|held|run"
        r"|visited|fitted|installed|implemented|regularised|obtained|provided|funded|staged"
        r"|circulated|purchased|launched|appointed|recruited)\b",
    ),
)
_PROGRESS_PATTERNS = [(value, re.compile(words)) for value, words in _PROGRESS_STATUS]
_NEGATED = re.compile(r"\b(?:not|no|never)\b")


def status_from_progress(texts: list[str]) -> str:
    """The status the progress updates of an action tell, or "" if they tell none.

    Only what the words say plainly: an update that denies ("not delivered") tells nothing.
    """
    text = " ".join(texts).lower()
    if not text or _NEGATED.search(text):
        return ""
    return _first(_PROGRESS_PATTERNS, text)


def fill_statuses(document) -> None:
    """Give each action with no stated status the one its progress updates tell."""
    for action in document.actions:
        if not action.status and action.progress:
            action.status = status_from_progress(action.progress)
