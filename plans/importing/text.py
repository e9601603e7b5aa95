"""Small text helpers shared by the layout parsers: matching titles, casing, sentences."""

import re

_STOPWORDS = {
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "our",
    "the",
    "their",
    "this",
    "to",
    "with",
}
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the"}
_SMALL_WORDS |= {"to", "with"}


def words(text: str) -> list[str]:
    """Lower-case content words, for comparing titles written slightly differently."""
    tokens = re.findall(r"[a-z0-9]+", text.lower())
    return [_stem(token) for token in tokens if token not in _STOPWORDS]


def _stem(word: str) -> str:
    # "feelings" and "feeling", "programmes" and "programme" should match.
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def overlap(first: str, second: str) -> float:
    """How much of the shorter text's words the longer one holds, from 0 to 1."""
    a, b = set(words(first)), set(words(second))
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def resemblance(first: str, second: str) -> float:
    """Shared words over all words (Jaccard), from 0 to 1."""
    a, b = set(words(first)), set(words(second))
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def is_same_title(heading: str, title: str) -> bool:
    """Whether a heading repeats a title, perhaps shortened or reworded a little."""
    a, b = set(words(heading)), set(words(title))
    if not a or not b:
        return False
    shorter, longer = sorted((len(a), len(b)))
    return overlap(heading, title) >= 0.8 and shorter / longer >= 0.4


def best_match(text: str, titles: list[str], minimum: float = 0.5) -> int | None:
    """Index of the title most like `text`, if any is alike enough."""
    scored = [
        ((overlap(text, title) + resemblance(text, title)) / 2, index)
        for index, title in enumerate(titles)
    ]
    score, index = max(scored, default=(0.0, None))
    return index if score >= minimum else None


def is_shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def title_case(text: str) -> str:
    """ "DRUG MISUSE & ALCOHOL" -> "Drug Misuse & Alcohol"; keeps short words lower."""
    result = []
    for index, word in enumerate(text.lower().split()):
        if index and word in _SMALL_WORDS:
            result.append(word)
        else:
            result.append(word[:1].upper() + word[1:])
    return " ".join(result)


def tidy_heading(text: str) -> str:
    return title_case(text) if is_shouting(text) else text


def sentence_case(text: str) -> str:
    """ "Theft FROM vehicle" -> "Theft from vehicle"; short acronyms such as ASB stay."""
    result = []
    for index, word in enumerate(text.split()):
        keep = word.isupper() and len(word) <= 3 and word.lower() not in _SMALL_WORDS
        word = word if keep else word.lower()
        result.append(word[:1].upper() + word[1:] if index == 0 else word)
    return " ".join(result)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u2018\u201c'\"(])")


def first_sentence(text: str, limit: int = 200) -> str:
    """The first sentence, cut at a word boundary if it is longer than `limit`."""
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0].strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "\u2026"


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ":", ";", "\u2019", "'", '"', "\u201d"))


def continues_paragraph(previous: str, text: str) -> bool:
    """Whether `text` goes on from a paragraph a page break cut: no full stop, then lower case."""
    return not ends_sentence(previous) and text[:1].islower()


NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


def stated_count(text: str) -> int | None:
    """The number in "the following five aims" or "6 key priorities", if one is stated."""
    match = re.search(
        r"\b(\d{1,2}|"
        + "|".join(NUMBER_WORDS)
        + r")\s+(?:\w+\s+)?(?:aims|priorities|objectives)\b",
        text.lower(),
    )
    if not match:
        return None
    value = match.group(1)
    return int(value) if value.isdigit() else NUMBER_WORDS[value]
