"""Line-level cleaning of article text: what is headline, byline, caption, body or boilerplate.

The readers of plain text and of CSV/JSONL cells cut their input into *units* (a line, or a
hard-wrapped paragraph of several lines) and hand their texts to :func:`layout`, which says
what each unit is. The rules are generic: they describe what news sites put around an
article (navigation, registration walls, comment forms, share and subscribe prompts, cookie
banners, copyright lines, photo credits, tag lines, repeated headlines), never one site.

A unit is only removed by a phrase rule when it is short: a long paragraph that happens to
say "click here" or "newsletter" is article text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from unspun.extract.credits import is_credit_line
from unspun.lexicon import (
    DATELINE,
    DATELINE_CAPS,
    FUNCTION_WORDS,
    name_stems,
    relevance,
    stems,
)


class Role(StrEnum):
    TITLE = "title"
    BYLINE = "byline"
    BODY = "body"
    CAPTION = "caption"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True, slots=True)
class Layout:
    """The role of each unit, in input order (same length as the units given).

    ``title_span`` is the headline's character range inside the title unit: a site name or a
    section kicker glued to it ("… | Miami Herald", "Europe |…") is left out.
    """

    roles: tuple[Role, ...]
    title_span: tuple[int, int] | None = None


def _phrases(text: str) -> frozenset[str]:
    """Phrases separated by "|", whitespace collapsed (line breaks inside them are free)."""
    return frozenset(" ".join(p.split()) for p in text.split("|") if p.strip())


# Whole units that are interface words, compared lower-cased without punctuation.
_UI = _phrases(
    """
    amp|today|yesterday|edit|save|saved|embed|less|prev next|buy photo|post to facebook|posted|
    enlarge this image|toggle caption|click to enlarge|view larger image|expand image|
    cancelsend|just watched|now playing|recommended video|back to gallery|story continued below|
    none|null|undefined|replay|more videos|watch more|show caption|hide transcript|transcript|
    print article|email article|reprints|permalink|top|back|
    a a a|about us|accept|accept all|ad|ads|advertise with us|advertisement|advertisement
    continue reading below|all rights reserved|and continue reading|article continues
    below|back to top|back to top of page|breaking news|cancel|cancel reply|caption|check your
    email|click to expand|close|comment|comments|contact us|continue reading|continue
    with|cookie policy|cookies|copy link|download the
    app|e-mail|edition|email|enlarge|expand|facebook|follow us|font size|full
    screen|fullscreen|gallery|get the app|go to comments|hide caption|hide
    comments|home|image|images|instagram|jump to comments|keep reading|latest|latest
    news|leave a comment|leave a reply|link copied|linkedin|listen|listen to this article|load
    more|loading|log in|log in to continue|log out|login|logout|main menu|menu|more|more
    from|more news|more stories|more videos|most popular|most read|most
    viewed|navigation|newsletter|newsletters|next|next article|next post|open in app|or
    continue with|pause|photo|photos|pinterest|play|popular|post a comment|post
    comment|prev|previous|previous article|previous post|print|print this page|privacy
    policy|read full article|read more|read the full story|recommended|recommended for
    you|reddit|register|register for free|register to continue|related|related
    articles|related content|related coverage|related posts|related stories|reply|rss|rss
    feed|scroll to continue|search|sections|see all|see more|share|share on facebook|share on
    twitter|share this|share this article|share this story|shares|show all|show comments|show
    more|sign in|sign in or register|sign in to continue|sign out|sign up|sign up for
    free|sitemap|skip advertisement|skip to content|skip to main content|sponsored|sponsored
    content|story continues below
    advertisement|submit|subscribe|subscribed|tags|telegram|terms of service|terms of use|text
    size|toggle caption|toggle navigation|top stories|topics|trending|trending
    now|tweet|twitter|up next|video|videos|view all|view comments|view
    gallery|watch|whatsapp|you are subscribed|you may also like|you might also like|you're
    subscribed|youtube
    """
)

# Share buttons, as words ("Facebook Twitter Email") or glued ("fbShare Tweet gShare Email").
_SOCIAL = _phrases(
    "comment|comments|copy|e-mail|email|facebook|flipboard|link|linkedin|messenger|pinterest|"
    "print|reddit|share|sms|telegram|tumblr|tweet|twitter|whatsapp|x"
)
_SOCIAL_GLUED = ("facebook", "tweet", "twitter", "linkedin", "email", "share", "whatsapp")
# Calls to action: a reader-facing verb or noun of the site machinery ...
_CTA = re.compile(
    r"\b(?:newsletters?|subscri(?:be|bed|ber|bers|ption)|regist(?:er|ered|ering|ration)|"
    r"sign(?:\s+(?:you|me))?[- ]?(?:in|up)|log(?:\s+(?:you|me))?[- ]?in|e-?mail address|"
    r"your (?:e-?mail|inbox|account|password)|notifications?|cookies?|privacy (?:policy|settings)|"
    r"terms (?:of (?:use|service)|and conditions)|comment on articles|continue reading|"
    r"keep reading|full (?:story|article)|download (?:the|our) app|free trial|unlimited access|"
    r"ad ?blocker|paywall|premium (?:content|subscribers?|members?)|"
    r"(?:push|news|e-?mail|text) alerts?|"
    r"digital access|digital subscription|(?:stories|headlines|news) delivered|in your inbox|"
    r"in your in-box|the plan that's right|signed in as|posted to your|sent to your|"
    r"be the first to know|join the (?:\w+'s )?conversation|try one month|"
    r"external links?|open in a new (?:window|tab)|in the comments(?: section)?(?: below)?|"
    r"share your thoughts|free articles?|article limit)\b",
    re.I,
)
# Reported speech is article text, whatever it says to "you".
_REPORTED = re.compile(r"\b(?:said|says|told|tells|according to|asked|added|wrote)\b")
# Some say so on their own.
_CTA_STRONG = re.compile(
    r"\b(?:be the first to know|digital access|(?:stories|headlines) delivered|"
    r"(?:turn on|enable) (?:desktop |push )?notifications|external links?|"
    r"open in a new (?:window|tab)|for unlimited access|subscribe now|sign up now|"
    r"reached your (?:\w+ )?limit)\b"
)
# ... addressed to the reader.
_YOU = re.compile(
    r"\b(?:you|your|you're|you’re|you'll|you’ll|we|we've|our|us)\b|^(?:please|sign|subscribe|"
    r"register|log|get|join|follow|share|click|tap|download|enter|check|continue|read|watch|"
    r"listen|like|accept|create|already|never miss|don't miss|don’t miss|turn on|or|and)\b",
    re.I,
)
# Phrases that mark a short unit as boilerplate: at its start ...
_PHRASES_START = re.compile(
    r"\s*(?:(?:leave|post|add|write) a (?:reply|comment)\b|\d+\s+comments?\s*$|"
    r"(?:share|follow|like|find|join) (?:us|this|on|via)\b|"
    r"(?:related|see also|also read|read also|read more|more on this|more from|"
    r"recommended|trending|most read|watch|listen|read|see|tags?|topics?|categories|filed under|"
    r"more|advertisement|sponsored|promoted|editor's picks?|editor’s picks?)\s*(?::|\||»|›|>)|"
    r"©|\(c\)|copyright\b|\d+\s+min(?:ute)?s?\s+read\s*$|"
    r"(?:previous|next) (?:article|post|story)\b|"
    r"(?:skip|jump) to (?:main )?(?:content|navigation|comments)\b|"
    r"(?:advertisement|sponsored content|paid content|promoted content)\b)",
)
# ... or anywhere in it (lower-cased substrings: far cheaper than a regex search).
_PHRASES_ANY = (
    "[email protected]",
    "[email\u00a0protected]",
    "comments are closed",
    "comments is closed",
    "click here",
    "tap here",
    "follow us",
    "all rights reserved",
    "may not be published, broadcast",
    "may not be reproduced, distributed",
    "-day forecast",
    "enable javascript",
    "javascript is disabled",
    "javascript is required",
    "we use cookies",
    "cookie policy",
    "cookie settings",
    "cookie consent",
    "cookie preferences",
    "your browser does not",
    "your browser doesn't",
    "your browser is not",
    "never miss",
    "don't miss",
    "don’t miss",
    "stay updated",
    "breaking news alert",
)
_CTA_HINTS = (
    "newsletter",
    "digital",
    "deliver",
    "inbox",
    "in-box",
    "plan",
    "posted to",
    "sent to",
    "first to know",
    "comments",
    "thoughts",
    "free article",
    "limit",
    "notification",
    "conversation",
    "month",
    "external link",
    "new window",
    "new tab",
    "subscri",
    "regist",
    "sign",
    "log",
    "mail",
    "notification",
    "cookie",
    "privacy",
    "terms",
    "comment on",
    "reading",
    "full story",
    "full article",
    " app",
    "trial",
    "unlimited",
    "blocker",
    "paywall",
    "premium",
    "alert",
    "your ",
)
_CTA_HINT = re.compile("|".join(re.escape(h) for h in _CTA_HINTS))
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# A line that is a date or timestamp, perhaps with a label: "July 15, 2018", "Updated 9:47 pm".
_DATE_LINE = re.compile(
    r"^\s*(?:by\s[^-–—|]{1,40}[-–—|]\s*)?"
    r"(?:(?:posted|published|updated|last updated|first published|originally published|modified)"
    r"\s*(?:on|at|:)?\s*)?"
    rf"(?:{_DAY},?\s*)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?)"
    rf"[^.!?]{{0,50}}$"
    rf"|^\s*(?:posted|published|updated|last updated|originally published)\b[^.!?]{{0,60}}$"
    r"|^\s*(?:\d+|an?|one|two|three|few)\s+(?:sec|second|min|minute|hr|hour|day|week|month)s?"
    r"(?:\s+\d+\s+mins?)?\s+ago\s*$",
    re.I,
)
_MISC = re.compile(
    r"(?:most read|most popular|most viewed|most shared|top stories|more stories|more news|"
    r"recommended|related|trending|editor's picks?|editor’s picks?|you may also like|"
    r"you might also like|more from|popular|latest|watch more|more videos)\b[^.!?]{0,60}$"
    r"|(?:image|photo|picture|slide|video)?\s*\d+\s+of\s+\d+$"
    r"|[a-z]+(?:_[a-z]+)+$"
    r"|[\w-]+ icon$"
    r"|(?:\w+\s*)?\d[\d,.]*[km]?\s+(?:retweets?|likes?|replies|comments?|shares?|views)$",
    re.I,
)
_LIST_HEAD = re.compile(
    r"(?:related|related (?:articles|stories|posts|coverage|content|links)|most read|"
    r"most popular|most viewed|most shared|top stories|more stories|more news|more from\b.*|"
    r"recommended(?: for you)?|you may also like|you might also like|trending(?: now)?|"
    r"read more|see also|also read|read next|up next|latest(?: news)?|popular)\s*[:|»›>]?\s*$",
    re.I,
)
_HAS_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{1,2}}:\d{{2}})",
    re.I,
)
_BREADCRUMB = re.compile(r"^[\w&'’ -]{1,30}(?:\s*[›»>/|]\s*[\w&'’ -]{1,40}){1,6}$")

_AGENCY_WORDS = (
    r"(?:AP|AFP|Reuters|REUTERS|Associated Press|The Associated Press|Getty Images|Getty|EPA|"
    r"EPA-EFE|Pool|POOL|Bloomberg|Shutterstock|Sputnik|TASS|Xinhua|UPI|dpa|ANI|PTI|Lehtikuva|"
    r"Kremlin|White House|File|FILE|Handout|Courtesy[^/|,()]{0,40}|AAP|Anadolu)"
)
# Captions: a photo credit in brackets at the end, a "Photo:"-style label at the start, or a
# bare credit line ("Evan Vucci, AP", "BRENDAN SMIALOWSKI/AFP/Getty Images").
_CAPTION_END = re.compile(
    r"\((?=[^()]{0,120}\))[^()]*?(?:\bPhoto\b|\bPhotograph\b|\bImage\b|\bPicture\b|Getty|"
    r"\bImages\b|\bPool\b|\bFile\b|\bvia\s+\w+|/\s*"
    + _AGENCY_WORDS
    + r"\b|\b"
    + _AGENCY_WORDS
    + r"\s*/)[^()]*\)\s*$"
    r"|\((?:AP|AFP|Reuters|REUTERS|EPA|Getty Images)\)\s*$"
    r"|\(\w+\.? \d{1,2}\)\s*(?:AP|AFP|Reuters)\s*$"
    r"|(?:[A-Z][\w'’.-]+\s*){2,4}(?:/|\||,)\s*"
    + _AGENCY_WORDS
    + r"(?:\s*(?:/|\||,)\s*(?:Getty Images|Getty|AFP|AP|Reuters|Pool))*\s*\.?\s*$"
    r"|\b(?:AP|AFP|Reuters) Photo\s*$"
    r"|\bPhoto via (?:AP|AFP|Reuters|Associated Press|Getty Images)\b[^.]{0,20}$"
)
# where a person stands in the picture: "(L)", "(2nd R)", "(left)", "(from left)"
_PICTURED_AT = re.compile(
    r"\((?:(?:2nd|3rd|second|third|far)\s+)?(?:L|R|C|left|right|center|centre|from left|"
    r"L to R|L-R)\)"
    r"|\b[A-Z][\w'’-]+, (?:(?:second|third|far) )?(?:left|right|center|centre), "
    r"|, from left, "
)
# the agencies' caption: a scene, its place, then its weekday and full date with the year
# ("… in Helsinki, Finland, Monday, July 16, 2018."); story text names a day without a year
_PHOTO_DATED = re.compile(
    r", (?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), "
    r"(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, "
    r"(?:19|20)\d\d\b"
)
_CAPTION_START = re.compile(
    r"^\s*\(?(?:Photo|Photos|Image|Picture|Pictured|Photograph|Caption|Credit|Photo [Cc]redit|"
    r"Image [Cc]redit|FILE PHOTO|File photo)\b\s*(?:[:\-–—|]|by\b|Credit\b|[A-Z])"
    # the wire agencies' caption style: "FILE - In this Nov. 11, 2017 file photo, …"
    r"|^\s*(?:FILE\s*[-–—]\s*)?In this (?:\w+\W+){0,8}?(?:file )?(?:photo|image|picture)\b",
)
_TERMINAL = tuple(".!?…\"”’')]:")
_CREDIT_KEYS = (
    "AP",
    "AFP",
    "Reuters",
    "REUTERS",
    "Press",
    "Getty",
    "EPA",
    "Pool",
    "POOL",
    "Photo",
    "Bloomberg",
    "Shutterstock",
    "Sputnik",
    "TASS",
    "Xinhua",
    "UPI",
    "dpa",
    "ANI",
    "PTI",
    "Lehtikuva",
    "Kremlin",
    "White House",
    "File",
    "FILE",
    "Handout",
    "Courtesy",
    "Anadolu",
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_BYLINE = re.compile(r"^\s*By\s+(?:[A-Z]|the\s+[A-Z])[^\n]{0,120}$")


_PUNCT = re.compile(r"[^\w\s'’-]+")
_ALNUM = re.compile(r"[^\W_]")


_FULL_MONTHS = (
    "january february march april may june july august september october november december"
)
_MONTHS = {
    **{name: i for i, name in enumerate(_FULL_MONTHS.split(), 1)},
    **{name[:3]: i for i, name in enumerate(_FULL_MONTHS.split(), 1)},
    "sept": 9,
}
_DATE_PARTS = re.compile(
    r"\b(?:(?P<mon1>[A-Za-z]{3,9})\.?\s+(?P<day1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year1>\d{4})"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon2>[A-Za-z]{3,9})\.?,?\s+(?P<year2>\d{4})"
    r"|(?P<year3>\d{4})-(?P<mon3>\d{2})-(?P<day3>\d{2}))(?!\d)"
)


def find_date(line: str) -> str:
    """The first calendar date written in ``line``, as ISO ``YYYY-MM-DD``, or ""."""
    for m in _DATE_PARTS.finditer(line):
        if m.group("year3"):
            year, month, day = int(m["year3"]), int(m["mon3"]), int(m["day3"])
        else:
            month = _MONTHS.get((m["mon1"] or m["mon2"]).lower(), 0)
            year, day = int(m["year1"] or m["year2"]), int(m["day1"] or m["day2"])
        try:
            found = datetime.date(year, month, day)
        except ValueError:
            continue
        if 1900 <= year <= 2100:
            return found.isoformat()
    return ""


# Script and style text a scraper kept: assignments, calls and braces, not sentences.
_CODE = re.compile(
    r"(?:\bwindow\.|\bdocument\.|\bfunction\s*\(|\bvar\s+\w+\s*=|[\w\]]\s*=\s*[\w\[{'\"]"
    r"|\.push\(|\}\);|[{};]\s*[\w.-]+\s*:\s*[^\s])"
)
# A weather box: "High 86F. Winds NNE at 5 to 10 mph.", "Mainly clear. Low near 70F."
_WEATHER = re.compile(r"\b(?:high|low)s?(?:\s+(?:near|around|of))?\s+-?\d{1,3}\s*°?\s*[FC]\b", re.I)
_WIND = re.compile(r"\bwinds?\s+(?:[NSEW]{1,3}\b|light and variable|calm)|\d+\s+to\s+\d+\s+mph")
_URL = re.compile(r"\bhttps?://\S+")
_TWEET_LINK = re.compile(r"https?://(?:t\.co|pic\.twitter\.com|twitter\.com)/")
_LOADING = re.compile(r"^\s*loading\b[^.!?]{0,40}(?:\.\.\.|…)?\s*$", re.I)


def quotes_a_post(line: str) -> bool:
    """Whether the line is a social post an article quotes (it ends in the post's own link):
    stories that quote one post share it as text, not as furniture."""
    return bool(_TWEET_LINK.search(line))


def boilerplate_reason(line: str) -> str | None:
    """Why a unit of text is site boilerplate, or None when it may be article text."""
    text = line.strip()
    if not text:
        return "blank"
    words = len(text.split())
    if words <= 10:
        bare = " ".join(_PUNCT.sub(" ", text.lower()).split())
        if bare in _UI:
            return "interface"
        if not _ALNUM.search(bare) or (words <= 3 and not any(c.isalpha() for c in bare)):
            return "symbols"  # punctuation, or a number alone: "(68102)", "0"
    if words <= 80 and _code_like(text):  # a snippet a scraper kept, not a whole page
        return "script"
    if words <= 30 and _WEATHER.search(text) and _WIND.search(text):
        return "weather"
    if words <= 6 and _LOADING.match(text):
        return "widget"
    if words <= 15 and _URL.search(text) and not _TWEET_LINK.search(text):
        return "link"  # "Check out this story on example.com: https://…" (a tweet's own
        # link, "… https://t.co/…", is part of the tweet an article quotes)
    if words > 40 or (words > 15 and "\n" in text):  # a long or hard-wrapped paragraph
        return None
    low = text.lower()
    if _PHRASES_START.match(low) or _has_phrase(low):
        return "site phrase"
    if words <= 30 and _CTA_HINT.search(low) and not _REPORTED.search(low):
        if _CTA_STRONG.search(low) or (_CTA.search(text) and _YOU.search(text)):
            return "call to action"
        if words <= 15 and re.search(r"\be-?mail\b", low) and _YOU.search(text):
            return "call to action"
    if words <= 12 and _DATE_LINE.match(text):
        return "date line"
    if words <= 8 and not _TERMINAL_END(text) and _MISC.match(text):
        return "widget"
    if words <= 8 and sum(1 for name in _SOCIAL_GLUED if name in low) >= 2:
        return "social buttons"
    if words <= 10 and set(_PUNCT.sub(" ", low).split()) <= _SOCIAL:
        return "social buttons"
    if words <= 12 and _BREADCRUMB.match(text) and not _TERMINAL_END(text):
        return "breadcrumb"
    return None


def _code_like(text: str) -> bool:
    """Program text: several assignments, calls or braces, and a good share of punctuation."""
    hits = len(_CODE.findall(text))
    marks = sum(text.count(c) for c in "{}();=[]")
    return hits >= 2 and marks >= 0.04 * len(text)


def _has_phrase(low: str) -> bool:
    """Whether a phrase of _PHRASES_ANY stands in ``low`` as whole words."""
    for phrase in _PHRASES_ANY:
        at = low.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            if (at == 0 or not low[at - 1].isalnum()) and (
                end == len(low) or not low[end].isalnum()
            ):
                return True
            at = low.find(phrase, at + 1)
    return False


def _TERMINAL_END(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def is_caption(line: str) -> bool:
    """A photo or video caption or a bare photo credit."""
    text = line.strip()
    words = len(text.split())
    if words > 100 or len(text) > 800 or _BYLINE.match(text) or (words > 40 and "\n" in text):
        return False
    if _CAPTION_START.match(text):  # a caption label or the agencies' "In this … photo"
        return True
    if words <= 60 and (_PICTURED_AT.search(text) or _PHOTO_DATED.search(text)):
        return True  # "Putin (L) and Trump", "…, left, …": who stands where; a dated scene
    end = text[-60:]
    if not (end.rstrip(" .").endswith(")") or any(key in end for key in _CREDIT_KEYS)):
        return False  # every caption ending below closes a bracket or names a credit
    return bool(_CAPTION_END.search(text[-200:]))


def is_byline(line: str) -> bool:
    text = line.strip()
    if len(text.split()) > 24:
        return False
    if _BYLINE.match(text) and not text.endswith((".", "!", "?")):
        return True
    return len(text.split()) <= 15 and is_credit_line(text)


def is_prose(line: str) -> bool:
    """Running text: enough words, ends like a sentence, not written In Title Case."""
    text = line.strip()
    if len(text) < 30:
        return False
    words = text.split()
    if DATELINE.match(text) and len(words) >= 6:
        return True
    if len(words) < 8 or title_case(words):
        return False
    return _TERMINAL_END(text) or len(text) >= 200


def title_case(words: Sequence[str]) -> bool:
    """Whether nearly every longer word of ``words`` starts with a capital."""
    if len(words) > 40:  # longer than any headline
        return False
    long_words = [w for w in (w.lstrip("'\"‘“(") for w in words) if len(w) >= 4 and w[0].isalpha()]
    if len(long_words) < 3:
        return False
    caps = sum(1 for w in long_words if w[0].isupper())
    return caps >= 0.8 * len(long_words)


def is_heading(line: str) -> bool:
    """Could be a headline: a few to a few dozen words, not a caption or credit."""
    text = line.strip()
    lead = text.lstrip("'\"‘“«")[:1]
    if "\n" in text or not 12 <= len(text) <= 300 or not (lead.isupper() or lead.isdigit()):
        return False
    words = _WORD.findall(text)
    if not 3 <= len(words) <= 40 or (len(words) <= 10 and _HAS_DATE.search(text)):
        return False
    return not is_prose(text) or title_case(words)


def _short(line: str) -> bool:
    text = line.strip()
    return len(text.split()) < 8 and not _TERMINAL_END(text)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def layout(units: Sequence[str], *, title: str = "") -> Layout:
    """The role of every unit. ``title``, when the input names one, is not searched for."""
    roles = [Role.BODY] * len(units)
    for i, unit in enumerate(units):
        if boilerplate_reason(unit):
            roles[i] = Role.BOILERPLATE
        elif is_caption(unit):
            roles[i] = Role.CAPTION
    prose = [i for i, unit in enumerate(units) if roles[i] is Role.BODY and is_prose(unit)]
    first = prose[0] if prose else len(units)
    span = None
    if not title:
        title_at = _find_title(units, roles, prose)
        if title_at is not None:
            roles[title_at] = Role.TITLE
            span = headline_span(units[title_at], _body_text(units, prose, title_at))
            title = units[title_at][span[0] : span[1]]
            prose = [i for i in prose if i != title_at]
            first = prose[0] if prose else len(units)
    if prose:
        _mark_head(units, roles, first)
        _mark_tail(units, roles, prose[-1])
    _mark_link_lists(units, roles)
    _mark_bylines(units, roles)
    _mark_repeats(units, roles, title)
    return Layout(tuple(roles), span)


def _mark_tail(units: Sequence[str], roles: list[Role], last_prose: int) -> None:
    """After the last paragraph of running text: labels, links and credits, not article."""
    for i in range(last_prose + 1, len(units)):
        unit = units[i].strip()
        if roles[i] is Role.BODY and not unit[:1].islower() and (_short(unit) or is_byline(unit)):
            roles[i] = Role.BOILERPLATE


def _mark_link_lists(units: Sequence[str], roles: list[Role]) -> None:
    """Headlines listed under "Related", "Most Read", "More from …" are links, not text."""
    in_list = False
    for i, unit in enumerate(units):
        text = unit.strip()
        if roles[i] is Role.BOILERPLATE and _LIST_HEAD.match(text):
            in_list = True
        elif in_list and roles[i] is Role.BODY and _link_like(text):
            roles[i] = Role.BOILERPLATE
        elif roles[i] is Role.BODY:
            in_list = False


def _link_like(text: str) -> bool:
    words = len(text.split())
    return words <= 20 and "\n" not in text and not (words >= 8 and _TERMINAL_END(text))


def _mark_bylines(units: Sequence[str], roles: list[Role]) -> None:
    """A byline or bare agency credit standing between paragraphs is not body text."""
    has_byline = Role.BYLINE in roles
    for i, unit in enumerate(units):
        if roles[i] is Role.BODY and len(unit) <= 150 and is_byline(unit):
            roles[i] = Role.BOILERPLATE if has_byline else Role.BYLINE
            has_byline = True


# A headline summarises its article and names who or what it is about: most of its content
# words recur in the body, and one of them is a name the body uses. Site names, prompts,
# widgets and section labels share less, and no name.
MIN_TITLE_RELEVANCE = 0.4
SURE_TITLE_RELEVANCE = 0.6  # enough without a name
# With none of those, the headline-shaped unit nearest the body that shares some of its words
# and is no sentence (a short body repeats fewer of its headline's words).
NEAR_TITLE_RELEVANCE = 0.2
MASTHEAD_WORDS = 4  # "The Boston Globe", "Bergen County": names only, no news
HEAD_UNITS = 12  # a headline stands among the first units of a page, before the body


def _find_title(units: Sequence[str], roles: list[Role], prose: list[int]) -> int | None:
    """The headline among the headline-shaped units before the body proper, or None.

    Each candidate is scored by :func:`unspun.lexicon.relevance` against the body's running
    text; the first that reaches ``MIN_TITLE_RELEVANCE`` and names something the body names
    (or reaches ``SURE_TITLE_RELEVANCE``) wins: a deck or a subhead follows the headline.
    A unit the head repeats (the page's title, then its h1) wins when it is reached, even
    below a deck that looks like the first paragraph. Failing all that, the one nearest the
    body that reaches ``NEAR_TITLE_RELEVANCE``.
    """
    paragraphs = [i for i in prose if _paragraph(units[i])]
    end = paragraphs[0] if paragraphs else len(units)
    known = list(roles)  # boilerplate by its own look, before any breadcrumb is found
    # A deck run on after the headline can look like the body's first paragraph: the
    # repeated headline is looked for up to the second one.
    top = min(paragraphs[1] if len(paragraphs) > 1 else len(units), HEAD_UNITS, len(units))
    candidates = []
    for i in range(top):
        if roles[i] is not Role.BODY or not _title_like(units[i]):
            continue
        if _inside_boilerplate(units[i], units, known):
            continue
        if _breadcrumb_of(units[i], units[i + 1 : end]):
            roles[i] = Role.BOILERPLATE  # "Home › Posts <headline>", the headline after it
            continue
        body = " ".join(units[j] for j in prose if j != i)
        candidates.append((i, relevance(units[i], stems(body)), body))
    nearest = None
    for i, score, body in candidates:
        # The page states its headline twice (its <title>, often with the site name glued
        # on, then its <h1>): a head unit the head repeats is the headline, whatever the
        # body's first story or a subhead below it is about, if it is about the body at all.
        others = [units[j] for j in range(top) if j != i]
        if score >= NEAR_TITLE_RELEVANCE and _echoed(units[i], others):
            return i
        if i >= end:
            continue  # past the body's first paragraph only a repeated headline counts
        named = bool(stems(units[i]) & name_stems(body))
        if score >= SURE_TITLE_RELEVANCE or (named and score >= MIN_TITLE_RELEVANCE):
            return i
        repeat = nearest is not None and _norm(units[nearest]) == _norm(units[i])
        if score >= NEAR_TITLE_RELEVANCE and not units[i].rstrip().endswith(".") and not repeat:
            nearest = i
    return nearest


def _echoed(text: str, others: Sequence[str]) -> bool:
    """Whether another head unit repeats ``text``: the same words, the same words with a
    site name split off by a separator, or the same words with the deck run on after them."""
    key = _norm(text)
    for other in others:
        other_key = _norm(other)
        if other_key == key or other_key.startswith(key + " "):
            return True
        if key in (_norm(other[a:b]) for a, b in _segments(other)):
            return True
    return False


def _breadcrumb_of(text: str, later: Sequence[str]) -> bool:
    """Whether ``text`` is a path of a few words ending in a later unit (the headline)."""
    text = text.strip()
    return any(
        len(o) >= 15 and text != o and text.endswith(o) and len(text) - len(o) <= 40
        for o in (u.strip() for u in later)
    )


def _paragraph(text: str) -> bool:
    """A paragraph of the body proper: longer than any headline, or several clauses ending
    in a full stop and not written In Title Case (a heading, whatever its last mark)."""
    words = text.split()
    if len(words) > 30:
        return True
    return len(words) > 16 and text.rstrip().endswith(".") and not title_case(words)


def recheck_title(title: str, paragraphs: Sequence[str]) -> tuple[int, int, int] | None:
    """The headline by the rules of this version, for an article stored with ``title`` over
    the body ``paragraphs``: (0, start, end) when it is (part of) the title, (k, start, end)
    when it is the body's paragraph k - 1, None when there is none."""
    units = [title, *paragraphs]
    roles = [
        Role.BOILERPLATE if boilerplate_reason(u) else Role.CAPTION if is_caption(u) else Role.BODY
        for u in units
    ]
    prose = [i for i in range(1, len(units)) if roles[i] is Role.BODY and is_prose(units[i])]
    found = _find_title(units, roles, prose)
    if found is None:
        return None
    return found, *headline_span(units[found], _body_text(units, prose, found))


def _inside_boilerplate(text: str, units: Sequence[str], roles: list[Role]) -> bool:
    """Whether ``text`` stands inside a unit already known to be boilerplate (a prompt
    repeated piecemeal: "Subscribe … Try one month for $1!", then "Try one month for $1!")."""
    key = _norm(text)
    return any(
        role is Role.BOILERPLATE and key in _norm(unit) and len(unit) > len(text)
        for unit, role in zip(units, roles, strict=True)
    )


def _title_like(text: str) -> bool:
    """A unit shaped like a headline: one line of 2 to 30 words starting with a capital (or
    a digit or a quote), no byline, no caption, and no paragraph."""
    stripped = text.strip()
    lead = stripped.lstrip("'\"‘“«")[:1]
    if "\n" in stripped or not 8 <= len(stripped) <= 250 or not (lead.isupper() or lead.isdigit()):
        return False
    found = _WORD.findall(stripped)
    content = [w for w in found if w.lower() not in FUNCTION_WORDS]
    if len(found) <= MASTHEAD_WORDS and all(w[0].isupper() for w in content):
        return False  # a few capitalised words: a label (a place, a section, a site), no news
    return (
        2 <= len(found) <= 30
        and not _paragraph(stripped)
        and not is_byline(stripped)
        and not is_caption(stripped)
        and not DATELINE_CAPS.match(stripped)
    )


def _body_text(units: Sequence[str], prose: list[int], skip: int) -> str:
    """The running text (all but unit ``skip``)."""
    return " ".join(units[i] for i in prose if i != skip)


_SEPARATOR = re.compile(r"\s*(?:\||•|::)\s*|\s+[-–—]\s+")
MAX_KICKER_WORDS = 4  # a section kicker or site name glued to a headline is this short


def _segments(unit: str) -> list[tuple[int, int]]:
    """The pieces of ``unit`` between separators ("|", "•", " - "), as character ranges."""
    start, end = len(unit) - len(unit.lstrip()), len(unit.rstrip())
    pieces = [(m.start(), m.end()) for m in _SEPARATOR.finditer(unit, start, end)]
    bounds = [start, *[x for piece in pieces for x in piece], end]
    return [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]


def headline_span(unit: str, body: str) -> tuple[int, int]:
    """The headline inside a title unit: a short piece at either end, split off by a
    separator ("|", "•", " - ") and less about the body than the rest, is left out — unless
    it names someone or something the body names ("… ‘never been worse’ – Trump", "Russia —
    And Grandma — Defy …"): a site name or a section kicker is not what the story is about."""
    segments = _segments(unit)
    if len(segments) == 1:
        return segments[0]
    body_stems, names = stems(body), name_stems(body)
    scored = [(relevance(unit[a:b], body_stems), len(unit[a:b].split())) for a, b in segments]
    main = max(range(len(scored)), key=lambda k: (scored[k][0] > 0, scored[k][1]))

    def cut(k: int) -> bool:
        rel, n = scored[k]
        named = stems(unit[slice(*segments[k])]) & names
        return n <= MAX_KICKER_WORDS < scored[main][1] and rel < scored[main][0] and not named

    lo, hi = 0, len(segments) - 1
    while lo < main and cut(lo):
        lo += 1
    while hi > main and cut(hi):
        hi -= 1
    return segments[lo][0], segments[hi][1]


def _mark_head(units: Sequence[str], roles: list[Role], first: int) -> None:
    """Before the body: the byline; tag lines, dates and navigation go; a long deck stays."""
    byline_seen = False
    for i in range(min(first, len(units))):
        if roles[i] is not Role.BODY:
            continue
        if is_byline(units[i]) and not byline_seen:
            roles[i] = Role.BYLINE
            byline_seen = True
        elif _short(units[i]) or is_byline(units[i]):
            roles[i] = Role.BOILERPLATE


def _mark_repeats(units: Sequence[str], roles: list[Role], title: str) -> None:
    """Repeated headlines and repeated paragraphs: only the first stays."""
    seen: set[str] = set()
    title_key = _norm(title)
    for i, unit in enumerate(units):
        if roles[i] not in (Role.BODY, Role.CAPTION, Role.BYLINE):
            continue
        key = _norm(unit)
        if (title_key and key == title_key) or (key in seen and len(key) >= 20):
            roles[i] = Role.BOILERPLATE
        seen.add(key)


_EN = _phrases(
    "a|an|and|are|as|at|be|been|but|by|for|from|had|has|have|he|her|his|i|in|is|it|"
    "its|not|of|on|or|said|she|that|the|their|they|this|to|was|we|were|which|who|will|with|would|you"
)


def guess_language(text: str) -> str:
    """ "en" when English function words make up a good share of the words, else ""."""
    words = re.findall(r"[a-zA-Z]+", text[:20_000].lower())
    if len(words) < 5:
        return ""
    share = sum(1 for w in words if w in _EN) / len(words)
    return "en" if share >= 0.18 else ""


__all__ = [
    "Layout",
    "Role",
    "boilerplate_reason",
    "find_date",
    "guess_language",
    "is_byline",
    "is_caption",
    "is_heading",
    "is_prose",
    "layout",
    "quotes_a_post",
    "recheck_title",
]
