"""Who the documents name: the attendance lists ("Present", "Attended by",
"Apologies", "Present: A, B, C") give each attendee's full name with the initials,
handles and first name that actions use for them ("Jane Smith (JS, Chair)",
"Michael Dawson (@mhdawson)"). Read across both documents, they tell that "JS" in
the minutes and "Jane Smith" in the follow-up are one lead."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from ..config import Settings
from ..model import Block, Document
from ..textutil import one_line

_ATTENDANCE_TITLE = re.compile(
    r"\b(?:present|attendees|attendance|attended(?:\s+by)?|in\s+attendance|(?:members?|also)\s+present"
    r"|participants|apologies(?:\s+for\s+absence)?|regrets|absent|roll\s+call|voting\s+members"
    r"|additional\s+attendees|guests|observers|members)\b",
    re.IGNORECASE,
)
# "Present: Jane Smith (Chair), Tom Baker, ..." on one line
_ATTENDANCE_LINE = re.compile(
    r"^(?:present|attendees|attending|in\s+attendance|apologies|regrets|members\s+present)\s*:\s*(?P<names>.+)$",
    re.IGNORECASE,
)
_NAME_LIST_SPLIT = re.compile(r"[;,](?![^()]*\))|\.\s+(?=[A-Z])")
_INNER_LABEL = re.compile(r"^[A-Z][\w ]{0,25}:\s*")
_NAME_WORD = r"[A-Z][\w'’-]*\.?"
# "Jane Smith", "Matthias J. Kannwischer", "Aram Zucker-Scharff", then what follows
_ENTRY = re.compile(
    rf"^(?:(?:Dr|Prof|Cllr|Mr|Mrs|Ms|Mx|Sir|Dame)\.?\s+)?(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})"
)
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_INITIALS = re.compile(r"^[A-Z]{2,4}$")
_HANDLE = re.compile(r"@([\w-]+)")
_MAX_ENTRY_WORDS = 20


@dataclass(frozen=True)
class Person:
    name: str  # as the attendance list writes it
    aliases: tuple[str, ...]  # initials, handles, first name as the actions may use them


def attendees(document: Document) -> tuple[Person, ...]:
    """The people the document's attendance lists name, in order, once each."""
    seen: dict[str, Person] = {}
    for entry in _entries(document.outline):
        person = _person(entry)
        if person is not None and person.name not in seen:
            seen[person.name] = person
    return tuple(seen.values())


def people_aliases(documents: Iterable[Document]) -> Mapping[str, tuple[str, ...]]:
    """Full name -> the other names the documents' actions may use for that
    person. A first name counts only where one attendee has it."""
    people = [person for document in documents for person in attendees(document)]
    by_name: dict[str, set[str]] = {}
    for person in people:
        by_name.setdefault(person.name, set()).update(person.aliases)
    firsts = Counter(name.split()[0] for name in by_name)
    initials = Counter(_initials_of(name) for name in by_name)
    aliases: dict[str, tuple[str, ...]] = {}
    for name, others in by_name.items():
        first = name.split()[0]
        usable = {a for a in others if not (a == _initials_of(name) and initials[a] > 1)}
        if firsts[first] == 1:
            usable.add(first)
        aliases[name] = tuple(sorted(usable - {name}))
    return aliases


def _entries(outline: Sequence[Block]) -> Iterable[str]:
    """The texts of attendance entries: the items and lines under an attendance
    heading, and the names of a "Present: A, B, C" line."""
    under_attendance = False
    for block in outline:
        text = one_line(block.text)
        if block.kind == "heading":
            under_attendance = bool(_ATTENDANCE_TITLE.search(text))
            continue
        line = _ATTENDANCE_LINE.match(text)
        if line:
            for part in _NAME_LIST_SPLIT.split(line["names"]):
                # "... Meera Iyer. In attendance: David Price (DP, CFO)"
                yield _INNER_LABEL.sub("", part.strip())
        elif under_attendance and len(text.split()) <= _MAX_ENTRY_WORDS:
            yield from (part.strip() for part in block.text.split("\n"))


def _person(entry: str) -> Person | None:
    entry = re.sub(r"^\[[ xX]\]\s*", "", entry.strip())
    match = _ENTRY.match(entry)
    if match is None:
        return None
    name = match["name"].rstrip(".")
    words = name.replace("-", " ").split()
    # "Matthias J. Kannwischer": MJK, and MK as people shorten it
    aliases = {_initials_of(name), words[0][0] + words[-1][0]}
    for inside in _PARENTHESES.findall(entry):
        for part in re.split(r"[,;/]", inside):
            part = part.strip()
            if _INITIALS.match(part):
                aliases.add(part)
    aliases.update(_HANDLE.findall(entry))
    return Person(name, tuple(sorted(aliases)))


def _initials_of(name: str) -> str:
    return "".join(word[0] for word in name.replace("-", " ").split() if word[0].isupper())


def with_attendees(settings: Settings, documents: Iterable[Document]) -> Settings:
    """The settings with the documents' own attendance lists as lead aliases ("JS"
    is Jane Smith), below what the config says."""
    configured = {name.casefold() for name in settings.leads.aliases} | {
        alias.casefold() for names in settings.leads.aliases.values() for alias in names
    }
    found = {
        name: aliases
        for name, aliases in people_aliases(documents).items()
        if aliases and name.casefold() not in configured and not configured & {a.casefold() for a in aliases}
    }
    if not found:
        return settings
    merged = MappingProxyType({**found, **settings.leads.aliases})
    return replace(settings, leads=replace(settings.leads, aliases=merged))
