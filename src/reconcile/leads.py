"""Leads: who owns an action, read from a Lead/Owner cell or from the actor of
the action's own sentence, and how two documents' leads compare.

A lead is a tuple of canonical names in the order written ("MPS", "MOPAC"), or
None where nobody is named. Names are compared as sets, after aliases and roles
from LeadSettings, so that the order of a joint lead or "the Met" for "MPS" is not
reported as drift."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from .config import LeadSettings

# A module constant rather than a call in each signature, so every default is the
# same frozen object (and ruff's B008 stays quiet).
_NO_SETTINGS = LeadSettings()


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


Lead = tuple[str, ...]

# Words that, written as the subject, name nobody in particular.
_PRONOUNS = _word_set(
    "i we you he she it they one us them me him her this that these those someone everybody"
    " somebody anyone anybody everyone nobody",
)
# Words that cannot sit inside a name. Finding one means the "subject" is really a
# clause or a noun phrase ("Disproportionality in the misconduct process").
_NOT_IN_NAMES = _PRONOUNS | _word_set(
    """a an in on at to by with from into onto over under about after before between
    than that which who whom whose how what when where whether why if as but or nor
    not no so such including regarding concerning following per via
    was were is are be been being has have had do does did can could may might
    would should will shall must also then there here its their his our your my
    noted asked said agreed suggested explained advised queried raised discussed""",
)
# Verbs an instruction starts with ("Write to NHS England ...", "Circulate the
# specification ..."): an action log's imperative has no actor of its own.
_IMPERATIVES = _word_set(
    """write circulate report agree provide review confirm send share update arrange prepare
    draft check contact ensure develop consider bring present produce publish organise
    organize set schedule submit liaise investigate explore identify establish complete
    deliver implement invite discuss raise escalate monitor respond reply follow
    include add remove amend revise chase obtain seek request clarify compile collate
    circulated book reissue refresh convene""",
)
# Lowercase words allowed inside a name: "Head of Oversight", "Jon van der Berg".
_CONNECTORS = _word_set("of for the and de da di du van von der den le la")
_HONORIFICS = _word_set(
    "mr mrs ms miss mx dr prof professor sir dame lord lady baroness cllr councillor rev revd",
)
# Lowercase nouns for people that may end a group's name: "SIG members", "BCU leads".
_GROUP_NOUNS = _word_set(
    """members member managers manager leads lead officers officer staff team teams
    colleagues partners chairs commanders representatives reps volunteers attendees
    participants group groups panel board committee directors heads secretariat office""",
)
# Words that make a comma-separated second part a post rather than another person:
# "Sophie Linden, Deputy Mayor for Policing and Crime".
_TITLE_WORDS = _word_set(
    """director head chief commissioner deputy mayor chair chairman chairwoman chairperson
    manager officer lead secretary commander superintendent inspector councillor minister
    executive president treasurer clerk coordinator co-ordinator adviser advisor
    controller governor""",
)
# What people write in a Lead cell when there is no lead yet.
_NO_LEAD = frozenset(
    {"", "na", "none", "nil", "tbc", "tbd", "tba", "unknown", "tobeconfirmed", "tobedetermined"}
)
# Words that label a paragraph rather than name who acts in it ("Note: ...").
_LABELS = _word_set(
    """note notes action actions update updates decision decisions agreed outcome
    background purpose status timing lead owner deadline comment comments
    summary response progress post meeting""",
)

# Verb forms that follow the actor of an action. Case-sensitive on purpose: a name
# such as "Will" must not read as the verb "will".
_ACTOR_VERB = re.compile(
    r"(?<!\S)(?:(?:has|have)\s+)?"
    r"(?:(?:undertook|undertakes|undertake|agreed|agrees|agree|committed|commits|offered|offers"
    r"|volunteered|is|are|(?:is|are)\s+going)\s+to|to|will|shall|should|must|would)(?!\S)"
)
# "will be discussed", "to be circulated": the subject is acted upon, not acting.
_PASSIVE = re.compile(r"\s*be\s+\w+(?:ed|en|wn|ne|ght)\b")
_ACTION_LABEL = re.compile(
    r"^action(?:\s+point)?s?(?:\s+(?:no\.?\s*)?[A-Za-z]?\d[\w.]*)?\s*[:\-–—]\s*", re.IGNORECASE
)
_LIST_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)+\.?|\d+[.)]|[a-z][.)])\s+")
# Introductory phrases that precede the actor ("Following discussion, MPS to ...").
_OPENER = re.compile(
    r"^(?:following|after|in addition|additionally|also|meanwhile|subsequently|as agreed"
    r"|as discussed|in the meantime|separately|finally|further(?:more)?|post[- ]meeting)"
    r"\b[^,:]{0,60},\s*",
    re.IGNORECASE,
)
# The body that met, as a subject: "The Committee would receive ...".
_FORUM = re.compile(
    r"^\s*(the\s+)?(committee|board|panel|group|meeting|forum|members|authority|council|cabinet)\s*$",
    re.IGNORECASE,
)
_COLON_HEAD = re.compile(r"^([^:\n]{1,80}?)\s*:\s")
_CELL_LABEL = re.compile(r"^(?:leads?|owners?|action owners?|responsible)\s*:\s*", re.IGNORECASE)
_ARTICLE = re.compile(r"^the\s+(?=\S)", re.IGNORECASE)
_LEADING_QUANTIFIER = re.compile(r"^(?:both|either|each of)\s+(?=\S)", re.IGNORECASE)
_AND_THE = re.compile(r"\s+and\s+(?=the\s)", re.IGNORECASE)
_JOINT_IN_PART = re.compile(r"\s*(?:/|&|\+)\s*|\s+and\s+")
_JOINT_SYMBOL_IN_PART = re.compile(r"\s*(?:/|&|\+)\s*")
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")
_MARKUP = " \t\r\n*_`#>•·-\"'“”‘’"
# Compiled here rather than looked up in re's cache on each of many calls.
_NAME_PUNCTUATION = re.compile(r"[.'’]")
_NAME_WORD = re.compile(r"[^\W_]+")
_NOT_WORD = re.compile(r"[\W_]+")
_REMIT_WITH_AND = re.compile(r"\b(?:of|for)\b.*\band\b")
_LEADING_AND = re.compile(r"^and\s+")
_AND_OR = re.compile(r"\s+and\s*/\s*or\s+")
_NAME_TOKEN = re.compile(r"[\w.'’()&-]+")
_TO_FIRST = re.compile(r"to\s", re.IGNORECASE)


# --------------------------------------------------------------------------- names


def _tidy(text: str) -> str:
    """Whitespace normalised and Markdown/quote marks trimmed from the ends."""
    return " ".join(text.split()).strip(_MARKUP).rstrip(",;:").strip()


def _drop_article(name: str) -> str:
    return _ARTICLE.sub("", name)


@lru_cache(maxsize=16384)
def _key(name: str) -> str:
    """A name reduced to what identifies it: case, dots, apostrophes, other
    punctuation and a leading article do not count ("M.P.S." == "mps")."""
    folded = _NAME_PUNCTUATION.sub("", name.casefold())
    words = _NAME_WORD.findall(folded)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _compact(text: str) -> str:
    return _NOT_WORD.sub("", text.casefold())


@lru_cache(maxsize=32)
def _indexes(settings: LeadSettings) -> tuple[Mapping[str, str], Mapping[str, str]]:
    """The canonical name for the key of each spelling of an alias, and the body for
    the key of each role."""
    aliases: dict[str, str] = {}
    for name, others in settings.aliases.items():
        canonical = " ".join(name.split())
        for spelling in (name, *others):
            aliases.setdefault(_key(spelling), canonical)
    return aliases, {_key(role): body for role, body in settings.roles.items()}


def _aliases(settings: LeadSettings) -> Mapping[str, str]:
    return _indexes(settings)[0]


def _role_index(settings: LeadSettings) -> Mapping[str, str]:
    return _indexes(settings)[1]


def _is_known(name: str, settings: LeadSettings) -> bool:
    key = _key(name)
    aliases, roles = _indexes(settings)
    return bool(key) and (key in aliases or key in roles)


def canonical_name(name: str, settings: LeadSettings = _NO_SETTINGS) -> str:
    """The canonical spelling of one name: aliases resolved case- and
    punctuation-insensitively ('the Met', 'Metropolitan Police Service', 'M.P.S.'
    -> 'MPS' when configured), a leading article dropped, whitespace normalised;
    unknown names kept as printed (minus the article)."""
    return _canonical_name(name, settings)


# the same few names come back for every action that names them
@lru_cache(maxsize=16384)
def _canonical_name(name: str, settings: LeadSettings) -> str:
    printed = _tidy(name)
    known = _aliases(settings).get(_key(printed))
    return known if known is not None else _drop_article(printed)


@lru_cache(maxsize=16384)
def _comparison_keys(lead: Lead, settings: LeadSettings) -> frozenset[str]:
    """What a lead must share with another to be the same owners, as a set."""
    return frozenset(_comparison_key(name, settings) for name in lead)


def _comparison_key(name: str, settings: LeadSettings) -> str:
    """What two names must share to be the same lead: the body a role belongs to,
    with honorifics ignored ("Dr A. Jones" == "A Jones")."""
    canonical = canonical_name(name, settings)
    roles = _role_index(settings)
    body = roles.get(_key(canonical), roles.get(_key(name)))
    if body is not None:
        canonical = canonical_name(body, settings)
    words = _key(canonical).split()
    while len(words) > 1 and words[0] in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


# --------------------------------------------------------------------------- joint leads


def _is_post_with_remit(part: str) -> bool:
    """'Head of Oversight and Performance': the 'and' joins the remit of one post,
    not two owners."""
    return bool(_REMIT_WITH_AND.search(part))


def _split_part(part: str, settings: LeadSettings) -> list[str]:
    part = _LEADING_AND.sub("", part.strip())
    if _is_known(part, settings):
        return [part]
    # "Director of Public Health and the ICB Place Director": an article after
    # "and" starts another owner, even inside a post's remit
    pieces = _AND_THE.split(part)
    if len(pieces) > 1:
        return [name for piece in pieces for name in _split_part(piece, settings)]
    splitter = _JOINT_SYMBOL_IN_PART if _is_post_with_remit(part) else _JOINT_IN_PART
    return [p for p in splitter.split(part) if p.strip()]


def _looks_like_person(name: str) -> bool:
    words = name.split()
    while len(words) > 1 and _key(words[0]) in _HONORIFICS:
        words = words[1:]
    return 1 <= len(words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in words)


def _looks_like_post(name: str, settings: LeadSettings) -> bool:
    """A post or a body, as written after a person's name: a configured role, a
    title ('Chief Executive') or an acronym of three letters or more ('DMPC').
    Two-letter initials ('DS') are people in minutes, so they do not count."""
    key = _key(name)
    if key in _role_index(settings) or key in _aliases(settings):
        return True
    if any(word in _TITLE_WORDS for word in key.split()):
        return True
    return " " not in name and len(name) >= 3 and name.isupper() and name.isalpha()


def _apposition_post(pieces: list[str], settings: LeadSettings) -> str | None:
    """'Sophie Linden, DMPC' names one owner, the post (minutes and letters refer to
    posts, so the post is what the other document will name); None if the pieces
    are not a person followed by their post."""
    if len(pieces) != 2 or any(len(_split_part(p, settings)) > 1 for p in pieces):
        return None
    person, post = pieces
    if _looks_like_person(person) and _looks_like_post(post, settings):
        return post
    return None


def _split_joint(phrase: str, settings: LeadSettings) -> list[str]:
    """The names of a possibly joint lead, as printed, in order."""
    phrase = _AND_OR.sub("/", phrase)
    if _is_known(phrase, settings):
        return [phrase]
    pieces = [p for p in _LIST_SEPARATOR.split(phrase) if p.strip()]
    post = _apposition_post(pieces, settings)
    if post is not None:
        return [post]
    return [name for piece in pieces for name in _split_part(piece, settings)]


def _unique_canonical(names: list[str], settings: LeadSettings) -> Lead | None:
    seen: dict[str, str] = {}
    for name in names:
        canonical = canonical_name(name, settings)
        if canonical:
            seen.setdefault(_key(canonical) or canonical, canonical)
    return tuple(seen.values()) or None


# --------------------------------------------------------------------------- Lead cells


def _is_no_lead(text: str) -> bool:
    return _compact(text) in _NO_LEAD


def parse_lead(cell: str, settings: LeadSettings = _NO_SETTINGS) -> Lead | None:
    """A Lead/Owner cell or bracket owner: single ('MPS'), joint ('MPS and MOPAC',
    'MPS/MOPAC', 'MPS & MOPAC', 'MPS, MOPAC'), roles and names with titles kept as
    printed ('Cllr Jane Smith'); a person followed by their post ('Sophie Linden,
    DMPC') gives the post. Blank, '-', 'n/a', 'TBC' -> None."""
    # A Lead column names the same few owners row after row.
    return _parse_cell(cell, settings)


@lru_cache(maxsize=4096)
def _parse_cell(cell: str, settings: LeadSettings) -> Lead | None:
    text = _CELL_LABEL.sub("", _tidy(cell))
    if text.endswith(".") and text.count(".") == 1:
        text = text[:-1]
    if _is_no_lead(text):
        return None
    names = [n for n in _split_joint(text, settings) if not _is_no_lead(n)]
    return _unique_canonical(names, settings)


# --------------------------------------------------------------------------- actors


def _strip_labels(text: str) -> str:
    """The action's sentence without what precedes its actor: Markdown marks, a list
    number, an 'Action 3:' label, an introductory phrase."""
    previous = None
    while previous != text:
        previous = text
        text = text.lstrip(_MARKUP)
        text = _LIST_NUMBER.sub("", text)
        text = _ACTION_LABEL.sub("", text)
        text = _OPENER.sub("", text)
    return text


def _is_name_word(word: str, position: int, last: int) -> bool:
    bare = word.strip(".,'’()")
    lowered = bare.lower()
    if not bare:
        return False
    if any(c.isupper() or c.isdigit() for c in bare):
        # Capitalised, it is a name ("Will Smith") unless it points at nobody.
        return lowered not in _PRONOUNS and lowered not in ("there", "here")
    if lowered in _NOT_IN_NAMES:
        return False
    if lowered in _CONNECTORS:
        return 0 < position < last
    # Only a noun for people may close a group's name in lowercase ("SIG members");
    # anything else there makes a thing ("the October meeting") or a verb ("Mike asked").
    return position == last > 0 and lowered in _GROUP_NOUNS


def _looks_like_name(name: str) -> bool:
    """Short, capitalised, and free of clause words: a name, not a noun phrase."""
    words = name.split()
    if not 1 <= len(words) <= 6 or not words[0][:1].isupper():
        return False
    if not all(_NAME_TOKEN.fullmatch(w) for w in words):
        return False
    return all(_is_name_word(w, i, len(words) - 1) for i, w in enumerate(words))


def _is_pronoun(name: str) -> bool:
    return name.casefold() in _PRONOUNS


def _names_in_subject(subject: str, settings: LeadSettings) -> Lead | None:
    """The names a subject phrase gives, or None if any part of it is not a name."""
    subject = _LEADING_QUANTIFIER.sub("", _tidy(subject))
    if not subject:
        return None
    names: list[str] = []
    for part in _split_joint(subject, settings):
        name = _drop_article(_tidy(part))
        if _is_pronoun(name):
            continue
        if not (_is_known(name, settings) or _looks_like_name(name)):
            return None
        names.append(name)
    return _unique_canonical(names, settings)


def _names_before_pronoun(subject: str, settings: LeadSettings) -> Lead | None:
    """'AA/CG/DS We should work ...': owners written as a prefix to a sentence whose
    own subject is a pronoun."""
    words = subject.split()
    if len(words) < 2 or not _is_pronoun(words[-1]):
        return None
    return _names_in_subject(" ".join(words[:-1]), settings)


def _colon_owner(sentence: str, settings: LeadSettings) -> Lead | None:
    """'Mike: Organise meeting', 'All: To discuss': a short name before a colon."""
    match = _COLON_HEAD.match(sentence)
    if match is None:
        return None
    head = match.group(1)
    if any(word in _LABELS for word in _key(head).split()):
        return None
    # Stricter than a verb's subject: a heading ("Numerical mixing: ...") also
    # ends in a colon, so no lowercase head noun here.
    if any(w.islower() and w not in _CONNECTORS and not _is_known(w, settings) for w in head.split()):
        return None
    return _names_in_subject(head, settings)


def owner_prefix(text: str, settings: LeadSettings = _NO_SETTINGS) -> tuple[str, str] | None:
    """(owner as written, the rest) for an item written 'Brett: Need a real report':
    the owner is a slot of the item, the rest what the action says."""
    match = _COLON_HEAD.match(text)
    if match is None or _colon_owner(text, settings) is None:
        return None
    rest = text[match.end() :].strip()
    return (match.group(1).strip(), rest) if rest else None


def _verb_owner(sentence: str, settings: LeadSettings) -> Lead | None:
    """'X to ...', 'X will ...', 'X undertook to ...': the names before the verb."""
    match = _ACTOR_VERB.search(sentence)
    if match is None or _PASSIVE.match(sentence, match.end()):
        return None
    subject = sentence[: match.start()]
    if match.group(0) == "would" and _FORUM.match(subject):
        return None  # "The Committee would receive a deep dive": the forum, told what is coming
    return _names_in_subject(subject, settings) or _names_before_pronoun(subject, settings)


def verb_actor(text: str, settings: LeadSettings = _NO_SETTINGS) -> Lead | None:
    """The actor of a sentence that says what someone will do ('X to ...', 'X will
    ...'), not of a 'Name: ...' line: prose must say it to be an action."""
    sentence = _strip_labels(text)
    return (_verb_owner(sentence, settings) or _after_topic(sentence, settings)) if sentence else None


def without_actor(text: str, settings: LeadSettings = _NO_SETTINGS) -> str:
    """What the actor is to do: 'The Head of Primary Care to circulate X' ->
    'circulate X'; the text as it is where it names no actor."""
    sentence = _strip_labels(text)
    match = _ACTOR_VERB.search(sentence)
    if match is None or _verb_owner(sentence, settings) is None:
        return text
    return sentence[match.end() :].strip()


def actor_span(text: str, start: int = 0, settings: LeadSettings = _NO_SETTINGS) -> tuple[int, int] | None:
    """Where the actor and the verb that makes it one are in the text (from
    ``start``): what without_actor leaves out, as positions in the text as written."""
    end = _actor_end(text[start:], settings)
    return None if end is None else (start, start + end)


# comparing a pair asks for the actor of each side's text and of its wording,
# most often the same sentence
@lru_cache(maxsize=4096)
def _actor_end(sentence: str, settings: LeadSettings) -> int | None:
    stripped = _strip_labels(sentence)
    match = _ACTOR_VERB.search(stripped)
    if match is None or _verb_owner(stripped, settings) is None:
        return None
    return len(sentence) - len(stripped) + match.end()


def actor_of(text: str, settings: LeadSettings = _NO_SETTINGS) -> Lead | None:
    """Who acts in an action's own sentence, from its start: 'MPS to provide ...' ->
    ('MPS',); 'MOPAC and the MPS will ...' -> ('MOPAC', 'MPS'); 'Mike: Organise ...'
    -> ('Mike',); 'Action: AA to ensure ...' -> ('AA',). None where the sentence is
    passive, starts with its verb ('To create ...'), or its subject is a pronoun or
    a noun phrase rather than a name. Names are canonical, in the order written,
    de-duplicated."""
    sentence = _strip_labels(text)
    if not sentence or _TO_FIRST.match(sentence):
        return None
    words = sentence.split()
    if not words or words[0].strip(".,:;").lower() in _IMPERATIVES:
        return None
    return (
        _colon_owner(sentence, settings)
        or _verb_owner(sentence, settings)
        or _after_topic(sentence, settings)
    )


def _after_topic(sentence: str, settings: LeadSettings) -> Lead | None:
    """'Road salt: Trustee Fisher to get prices': the actor after a topic label."""
    match = _COLON_HEAD.match(sentence)
    return _verb_owner(sentence[match.end() :], settings) if match else None


# --------------------------------------------------------------------------- comparing


def _present(lead: Lead | None) -> Lead | None:
    return lead or None


def same_leads(a: Lead | None, b: Lead | None, settings: LeadSettings = _NO_SETTINGS) -> bool:
    """The same owners as sets, after canonical names and after mapping roles to their
    body: ('MPS','MOPAC') == ('MOPAC','MPS'); ('AC Frontline Policing',) == ('MPS',)
    when roles say so. None == None; None != anything else."""
    a, b = _present(a), _present(b)
    if a is None or b is None:
        return a is b
    return _comparison_keys(a, settings) == _comparison_keys(b, settings)


def lead_label(names: Lead | None) -> str | None:
    """How a person writes the lead: 'MPS', 'MPS and MOPAC', 'A, B and C'; None -> None."""
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _contradiction(side: str, lead: Lead | None, actor: Lead | None, settings: LeadSettings) -> str | None:
    if lead is None or actor is None or same_leads(lead, actor, settings):
        return None
    return f"the {side} Lead column says {lead_label(lead)} but its text has {lead_label(actor)} acting"


def compare_leads(
    old_lead: Lead | None,
    old_actor: Lead | None,
    new_lead: Lead | None,
    new_actor: Lead | None,
    settings: LeadSettings = _NO_SETTINGS,
) -> tuple[str, str]:
    """(class, message) for one pair of actions, old = minutes, new = letter; class is
    none | changed | added | dropped | mismatch. *_lead is the owner each document
    gives, *_actor the actor of its own sentence. A side whose lead and actor differ
    is a mismatch, which takes precedence over the comparison of the two sides."""
    old_lead, old_actor = _present(old_lead), _present(old_actor)
    new_lead, new_actor = _present(new_lead), _present(new_actor)
    contradictions = [
        reason
        for reason in (
            _contradiction("minutes'", old_lead, old_actor, settings),
            _contradiction("letter's", new_lead, new_actor, settings),
        )
        if reason is not None
    ]
    if contradictions:
        return "mismatch", "mismatch: " + "; ".join(contradictions)
    if old_lead is None and new_lead is None:
        return "none", "none: neither document names a lead"
    if old_lead is None:
        return "added", f"added: {lead_label(new_lead)}"
    if new_lead is None:
        return "dropped", f"dropped: {lead_label(old_lead)}"
    if not same_leads(old_lead, new_lead, settings):
        return "changed", f"changed: {lead_label(old_lead)} → {lead_label(new_lead)}"
    return "none", f"none: both name {lead_label(old_lead)}"
