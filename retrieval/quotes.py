"""Who said what: attributed statements found in an article's text, by rule.

`extract_statements(article_id, text)` returns every statement the article attributes to a
person or an institution, with the speaker resolved within the article, the cue that attributes
it and the exact character offsets of its text. It is pure and deterministic (no model, no
state kept between calls), so the index can store its output. It reads about 200 articles a
second on one core (the 5,258-article RealTime QA corpus in under 30 s).

How it works, in order:

1. **Quote spans.** Double quotation marks are paired within each paragraph: “ „ open, ” closes,
   a straight " (or '') is read from the characters around it. A quote left open at the end of a
   paragraph continues when the next paragraph opens with a quote mark (the news convention for a
   quote running over several paragraphs); the whole run is one statement, whose text then holds
   the paragraph break and the re-opening mark. Single quotes are ignored (they are apostrophes
   far more often than quotes).
2. **Masking.** The inside of every quote is masked, so that sentence splitting and the search for
   speech cues only see the article's own narration, never words inside quotes.
3. **People and institutions.** Capitalised name chains are read into an entity table per article:
   persons with the title or role the text gives ("Kremlin spokesman Dmitry Peskov", "Dmitry
   Peskov, the Kremlin spokesman", "Sen. Lindsey Graham, R-S.C.") and institutions ("Russian
   Foreign Ministry", "Office of the Director of National Intelligence"). A later surname, "Mr.
   Peskov" or "President Trump" is the same person (when several people share the surname: the
   one named in the last few paragraphs, else the one named most; never a relative introduced as
   such, "first lady Melania Trump"). "The Kremlin spokesman", "the minister", "the ministry"
   resolve to the most recent entity with that role or name; "the Jamaican government", "the
   Trump administration", "May's office" name an institution by description.
4. **Cues.** Speech verbs ("said", "told", "added", "denied", "wrote", "warned", "according to",
   "called for", ...) are found in the narration. For each, the speaker is the noun phrase before
   it ("Peskov said", "Zakharova, the ministry's spokeswoman, said", "she added") or after it
   ('..." said Kremlin spokesman Dmitry Peskov'). "He"/"she" resolve to the most recent
   gender-compatible speaker or main-clause subject in the last few paragraphs; an unnamed speaker
   ("a Syrian officer told Reuters") blocks that, so a later "he said" gives nothing rather than
   someone named earlier. "And said", ", adding that" keep the sentence's speaker.
5. **Statements.**
   - A quote gets its speaker from a cue right after its closing mark ('...," Peskov said'), right
     before its opening mark ('Zakharova said: "...'), from an "X said." sentence that follows it
     directly, or, for a full-sentence quote with no cue of its own, from the attributed quote
     before it in the same paragraph or at the end of the previous paragraph.
   - A quote interrupted by its attribution ('"A," he said, "B."') gives two statements, one per
     quoted part, with the same speaker and cue: each text is exactly what is inside its marks.
   - Reported speech: "X said (that) ...", "X denied ...", "..., X said.", "A, X said, B.",
     "According to X, ...", "..., according to X." The statement text is the reported content,
     up to the end of the sentence or the next cue of the same speaker (" and said:", ", adding
     that"). A quote inside reported content ('insisted Putin remains open to "constructive
     dialogue"') is part of that reported statement, not a statement of its own.
   - Not statements: a quoted fragment with no speech cue (a scare quote, a title), a title-case
     quote even next to a cue ('Speaking on "State of the Union," Romney said'), news outlets
     ("Reuters reported", "according to Novosti Agency"), documents ("the statement said",
     "according to the report"), unnamed groups ("officials said", "Capitol Hill Democrats"),
     two speakers at once ("Trump and Vance said"), relative clauses ("which Moscow denies"),
     negated or infinitive cues ("did not say", "declined to comment"), and pronouns that
     resolve to nobody.

Every returned Statement has `text == text[start:end]`; statements are ordered by offset. The
same words twice in one article (a repeated passage) are two statements at two offsets.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import Statement

__all__ = ["EXTRACTOR_VERSION", "extract_statements"]

# Bump when the extractor's output changes: the next `index` re-extracts every stored article.
EXTRACTOR_VERSION = 1

# --------------------------------------------------------------------------------------------
# Character classes and lexicons
# --------------------------------------------------------------------------------------------

_UPPER = "A-Z" + "".join(
    c for c in map(chr, range(0xC0, 0x250)) if c.isupper() and c.isalpha()
)
_LOWER = "a-z" + "".join(
    c for c in map(chr, range(0xDF, 0x250)) if c.islower() and c.isalpha()
)
UP = f"[{_UPPER}]"
LO = f"[{_LOWER}]"
AP = "['’]"  # apostrophes

MASK = "§"

# Abbreviations that end with a period but do not end a sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "reps", "sens", "gov", "gen", "lt", "col", "maj",
    "capt", "sgt", "adm", "cmdr", "prof", "rev", "st", "jr", "sr", "hon", "atty", "supt",
    "det", "fr", "sec", "pres", "ft", "mt", "no", "nos", "vs", "etc", "inc", "corp", "co",
    "ltd", "llc", "dept", "univ", "assn", "jan", "feb", "mar", "apr", "aug", "sept", "sep",
    "oct", "nov", "dec", "a.m", "p.m", "approx", "est", "ave", "blvd", "rd", "gens", "mmes",
    "messrs", "msgr", "cpl", "pvt", "ph.d", "u.s", "u.n", "u.k", "e.g", "i.e",
}
_TITLE_ABBREV = {
    "mr.": "M", "mrs.": "F", "ms.": "F", "dr.": None, "sen.": None, "rep.": None, "gov.": None,
    "gen.": None, "lt.": None, "col.": None, "maj.": None, "capt.": None, "sgt.": None,
    "adm.": None, "cmdr.": None, "prof.": None, "rev.": None, "hon.": None, "atty.": None,
    "supt.": None, "det.": None, "fr.": "M", "sec.": None, "pres.": None, "msgr.": "M",
}

# Cue verbs. QUOTE_ONLY cues attribute a quote next to them but never reported speech.
_SAY_FORMS = {
    "say": ("said", "says", "say"),
    "tell": ("told", "tells"),
    "add": ("added", "adds"),
    "state": ("stated", "states"),
    "note": ("noted", "notes"),
    "explain": ("explained", "explains"),
    "argue": ("argued", "argues"),
    "claim": ("claimed", "claims"),
    "insist": ("insisted", "insists"),
    "assert": ("asserted", "asserts"),
    "declare": ("declared", "declares"),
    "announce": ("announced", "announces"),
    "warn": ("warned", "warns"),
    "stress": ("stressed", "stresses"),
    "emphasize": ("emphasized", "emphasizes", "emphasised", "emphasises"),
    "remark": ("remarked", "remarks"),
    "reply": ("replied", "replies"),
    "respond": ("responded", "responds"),
    "answer": ("answered", "answers"),
    "write": ("wrote", "writes"),
    "tweet": ("tweeted", "tweets"),
    "comment": ("commented", "comments"),
    "observe": ("observed", "observes"),
    "acknowledge": ("acknowledged", "acknowledges"),
    "admit": ("admitted", "admits"),
    "concede": ("conceded", "concedes"),
    "confirm": ("confirmed", "confirms"),
    "deny": ("denied", "denies"),
    "suggest": ("suggested", "suggests"),
    "predict": ("predicted", "predicts"),
    "promise": ("promised", "promises"),
    "pledge": ("pledged", "pledges"),
    "vow": ("vowed", "vows"),
    "urge": ("urged", "urges"),
    "reiterate": ("reiterated", "reiterates"),
    "highlight": ("highlighted", "highlights"),
    "underscore": ("underscored", "underscores"),
    "underline": ("underlined", "underlines"),
    "indicate": ("indicated", "indicates"),
    "contend": ("contended", "contends"),
    "maintain": ("maintained", "maintains"),
    "allege": ("alleged", "alleges"),
    "counter": ("countered", "counters"),
    "caution": ("cautioned", "cautions"),
    "convey": ("conveyed", "conveys"),
    "recall": ("recalled", "recalls"),
    "reveal": ("revealed", "reveals"),
    "disclose": ("disclosed", "discloses"),
    "testify": ("testified", "testifies"),
    "assure": ("assured", "assures"),
    "hint": ("hinted", "hints"),
    "signal": ("signaled", "signalled", "signals"),
    "complain": ("complained", "complains"),
    "lament": ("lamented", "laments"),
    "boast": ("boasted", "boasts"),
    "agree": ("agreed", "agrees"),
    "propose": ("proposed", "proposes"),
    "recommend": ("recommended", "recommends"),
    "demand": ("demanded", "demands"),
    "clarify": ("clarified", "clarifies"),
    "criticize": ("criticized", "criticised", "criticizes", "criticises"),
    "praise": ("praised", "praises"),
    "condemn": ("condemned", "condemns"),
    "accuse": ("accused", "accuses"),
    "blast": ("blasted", "blasts"),
    "slam": ("slammed", "slams"),
    "mention": ("mentioned", "mentions"),
    "threaten": ("threatened", "threatens"),
    "dismiss": ("dismissed", "dismisses"),
    "inform": ("informed", "informs"),
}
_QUOTE_ONLY_FORMS = {
    "ask": ("asked", "asks"),
    "continue": ("continued", "continues"),
    "wonder": ("wondered", "wonders"),
    "muse": ("mused", "muses"),
    "shout": ("shouted", "shouts"),
    "yell": ("yelled", "yells"),
    "exclaim": ("exclaimed", "exclaims"),
    "whisper": ("whispered", "whispers"),
    "recount": ("recounted", "recounts"),
    "quip": ("quipped", "quips"),
    "joke": ("joked", "jokes"),
    "conclude": ("concluded", "concludes"),
    "describe": ("described", "describes"),
    "text": ("texted",),
    "email": ("emailed",),
    "read": ("reads",),
    "post": ("posted",),
    "report": ("reported", "reports"),
}
# Cues of belief: only with an explicit "that" ("Peskov believed that ...").
_WEAK_FORMS = {
    "believe": ("believed", "believes"),
    "think": ("thinks",),
    "consider": ("considered", "considers"),
    "feel": ("feels",),
    "expect": ("expects",),
}
# Cues that attribute a quote freely but reported speech only with "that".
# Third-person cue forms that are as often plural nouns ("campaign promises").
_NOUNY_CUES = {
    "promises", "claims", "comments", "remarks", "notes", "answers", "states", "reports",
    "posts", "tweets", "signals", "hints", "pledges", "vows", "demands", "counters", "recalls",
    "praises", "blasts", "slams", "proposes", "concludes", "reads", "texts", "emails",
    "highlights", "underscores", "underlines", "cautions", "laments", "boasts", "jokes",
}
_THAT_ONLY = {
    "added", "adds", "tells", "alleged", "alleges", "responded", "responds", "replied", "replies",
    "answered", "answers", "recalled", "recalls", "agreed", "agrees", "indicated", "indicates",
    "observed", "observes", "maintained", "maintains", "countered", "counters", "signaled",
    "signalled", "signals", "highlighted", "highlights",
}
_ING_CUES = {
    "saying", "adding", "noting", "stating", "explaining", "arguing", "claiming", "insisting",
    "asserting", "declaring", "warning", "stressing", "emphasizing", "emphasising", "writing",
    "telling", "urging", "suggesting", "acknowledging", "admitting", "denying", "promising",
    "vowing", "predicting", "reiterating", "highlighting", "underscoring", "cautioning",
    "complaining", "recalling", "confirming", "announcing", "asking", "accusing",
    "tweeting", "posting", "threatening", "calling",
}
_PHRASE_CUES = {"pointed out": "pointed out", "went on": "went on", "points out": "points out",
                "called for": "called for", "calls for": "calls for"}

_CUE_KIND: dict[str, str] = {}
for _forms in _SAY_FORMS.values():
    for _f in _forms:
        _CUE_KIND[_f] = "say"
for _forms in _QUOTE_ONLY_FORMS.values():
    for _f in _forms:
        _CUE_KIND[_f] = "quote"
for _forms in _WEAK_FORMS.values():
    for _f in _forms:
        _CUE_KIND[_f] = "weak"
for _f in _ING_CUES:
    _CUE_KIND[_f] = "ing"
_CUE_KIND["asking"] = "quote"
for _f in _PHRASE_CUES:
    _CUE_KIND[_f] = "say" if _f != "went on" else "quote"



def _trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of `words`, factored by common prefix (much faster to match)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            alts.append(re.escape(ch) + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


_CUE_RE = re.compile(
    r"\b(?:(?P<acc>[Aa]ccording to)|(?P<cue>" + _trie_pattern(_CUE_KIND) + r"))\b"
)

_PRONOUNS = {"he": "M", "she": "F", "they": "P", "it": "N"}

# Words that may stand between the speaker and the cue: "Peskov also said", "he has said".
_ADV_AUX = {
    "also", "has", "have", "had", "later", "then", "previously", "earlier", "again", "repeatedly",
    "recently", "once", "further", "publicly", "privately", "separately", "simply", "flatly",
    "firmly", "strongly", "angrily", "bluntly", "openly", "reportedly", "subsequently",
    "initially", "originally", "would", "will", "did", "does", "quickly", "immediately",
    "frequently", "often", "always", "specifically", "explicitly", "similarly", "likewise",
    "already", "first", "last", "just", "emphatically", "calmly", "forcefully", "succinctly",
    "tersely", "sarcastically", "jokingly", "candidly", "confidently", "proudly", "directly",
    "personally", "formally", "officially", "finally", "ultimately", "now",
    "yesterday", "today", "tonight", "herself", "himself", "themselves", "itself",
}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan.", "feb.", "mar.", "apr.", "aug.", "sept.",
    "sep.", "oct.", "nov.", "dec.",
}
_NEGATIONS = {"not", "n't", "never", "to", "be", "been", "being", "is", "was", "were", "are",
              "am", "without", "cannot", "nor", "won't", "didn't", "doesn't", "don't", "wouldn't",
              "couldn't", "hasn't", "haven't", "hadn't", "neither", "by", "of", "for", "please",
              "let", "let's", "who", "which", "that", "whom", "whose"}

# Person titles (capitalised forms inside name chains). A chain's name is what follows the last
# title or organisation word: "Former Russian President | Dmitry Medvedev".
_TITLES = {
    "president", "vice", "prime", "minister", "secretary", "senator", "representative", "governor",
    "mayor", "speaker", "leader", "chairman", "chairwoman", "chair", "chief", "director", "judge",
    "justice", "attorney", "general", "ambassador", "commissioner", "chancellor", "king", "queen",
    "prince", "princess", "pope", "sheikh", "emir", "sultan", "professor", "sir", "dame", "lord",
    "lady", "bishop", "cardinal", "archbishop", "rabbi", "imam", "commander", "coach", "officer",
    "detective", "sheriff", "deputy", "spokesman", "spokeswoman", "spokesperson", "ceo", "founder",
    "chairperson", "councilman", "councilwoman", "councilmember", "congressman", "congresswoman",
    "assemblyman", "assemblywoman", "trustee", "superintendent", "inspector", "auditor",
    "treasurer", "comptroller", "premier", "marshal", "admiral", "envoy", "czar", "tsar", "former",
    "acting", "interim", "senior", "assistant", "associate", "executive", "crown", "grand",
    "supreme", "head", "press", "chairman's", "adviser", "advisor", "aide", "economist", "analyst",
    "correspondent", "editor", "columnist", "host", "anchor", "agent", "captain", "lieutenant",
    "colonel", "major", "sergeant", "private", "corporal", "brigadier", "field", "lawmaker",
    "delegate", "candidate", "nominee", "hopeful", "incumbent", "challenger", "ex", "late", "dr",
    "mr", "mrs", "ms", "miss", "madam", "mx", "state's", "lt", "gen", "col", "capt", "sgt", "adm",
    "sen", "rep", "gov", "prof", "rev", "hon", "atty", "chef", "magistrate", "prosecutor",
    "attorney's", "counsel", "solicitor", "cofounder", "co-founder", "manager", "owner",
    "president-elect", "vice-president", "cfo", "coo", "cto", "cio", "cmo", "vp", "evp", "svp",
    "gop", "presidents", "senators", "sens", "reps", "representatives", "governors", "ministers",
    "pro", "tem", "tempore", "whip", "majority", "minority", "democrat", "selectman",
    "selectwoman", "alderman",
    "alderwoman", "councillor", "councilor", "supervisor", "clerk", "assessor", "constable",
    "warden", "chaplain", "mayor-elect", "governor-elect", "duke", "duchess", "count", "baron",
    "baroness", "earl", "mufti", "ayatollah", "patriarch", "metropolitan", "elder", "mullah",
    "father", "sister", "brother", "apostle", "pastor", "reverend", "deacon", "abbot", "ranking",
}
# Plural groups: "Capitol Hill Democrats said" names no single speaker.
_GROUP_HEADS = {
    "democrats", "republicans", "officials", "lawmakers", "senators", "leaders", "members",
    "residents", "protesters", "supporters", "voters", "authorities", "sources", "critics",
    "experts", "analysts", "investigators", "prosecutors", "activists", "students", "parents",
}
# Words that make a capitalised chain an institution ("Russian Foreign Ministry").
_ORG_HEADS = {
    "ministry", "department", "office", "agency", "kremlin", "pentagon", "house", "senate",
    "congress", "parliament", "court", "council", "committee", "commission", "party",
    "administration", "government", "bureau", "service", "services", "authority", "board", "police",
    "army", "navy", "forces", "force", "guard", "embassy", "institute", "foundation", "university",
    "college", "school", "association", "union", "federation", "league", "organization",
    "organisation", "company", "corporation", "corp", "corp.", "inc", "inc.", "co", "co.", "ltd",
    "llc", "group", "bank", "fund", "network", "coalition", "campaign", "center", "centre", "club",
    "society", "alliance", "assembly", "cabinet", "secretariat", "directorate", "command", "duma",
    "knesset", "bundestag", "reserve", "nations", "states", "tribunal", "prosecutors",
    "prosecutor's", "kremlin's", "airlines", "airways", "motors", "industries", "technologies",
    "systems", "holdings", "partners", "capital", "securities", "exchange", "council's", "unit",
    "division", "trust", "hospital", "clinic", "church", "diocese", "zoo", "museum", "library",
    "team", "patrol", "department's", "ministry's", "agency's", "county", "city", "district",
    "township", "village", "state", "province", "republic", "kingdom", "legislature", "caucus",
    "nato", "fed", "treasury", *_GROUP_HEADS, "cdc", "fbi", "cia", "un", "eu", "who", "imf",
}
# Capitalised words that appear in institution names and titles but never as a person's name.
_ORG_WORDS = _ORG_HEADS | {
    "foreign", "defense", "defence", "interior", "finance", "health", "justice", "homeland",
    "budget", "management", "planning", "policy", "resources", "safety", "transport",
    "security", "treasury", "commerce", "energy", "education", "labor", "labour", "affairs",
    "relations", "human", "national", "federal", "internal", "public", "international",
    "united", "european", "intelligence", "economic", "economy", "trade", "development",
    "environmental", "environment", "protection", "control", "prevention", "disease",
    "revenue", "white", "joint", "central", "civil", "liberties", "rights", "american",
    "russian", "ukrainian", "chinese", "british", "french", "german", "israeli", "iranian",
    "u.s.", "us", "u.s", "uk", "u.k.", "eu", "democratic", "republican", "gop", "kremlin",
    "presidential", "state", "department", "attorney", "general", "armed", "air", "marine",
    "coast", "border", "customs", "immigration", "food", "drug", "transportation", "aviation",
    "administration", "social", "medicare", "medicaid", "veterans", "agriculture",
    "housing", "urban", "science", "technology", "space", "aeronautics", "emergency",
    "weather", "oceanic", "atmospheric", "geological", "survey", "census",
    "statistics", "investigation", "bureau", "highway", "traffic", "fire", "police", "sheriff's",
    "wealth", "sovereign", "monetary", "supreme", "district", "appeals", "circuit", "superior",
    "high", "lower", "upper", "house", "senate", "city", "county", "municipal", "metropolitan",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "new",
}

# Lower-case role nouns: "the Kremlin spokesman", "a spokeswoman for the ministry".
_ROLE_NOUNS = {
    "meteorologist", "engineer", "teacher", "nurse", "farmer", "pilot", "agent", "consultant",
    "specialist", "epidemiologist", "surgeon", "psychologist", "psychiatrist", "writer",
    "journalist", "pastor", "player", "quarterback", "chef", "artist", "musician", "singer",
    "actor", "actress", "producer", "volunteer", "founder", "provost", "trustee", "lobbyist",
    "attorney", "economist", "spokesperson", "fellow", "scholar", "virologist", "biologist",
    "physicist", "chemist", "geologist", "ecologist", "forecaster", "climatologist",
    "oceanographer", "planner", "architect", "developer", "banker", "trader", "broker",
    "accountant", "auditor", "regulator", "inspector", "investigator", "detective", "prosecutor",
    "defender", "sheriff", "deputy", "trooper", "firefighter", "paramedic", "medic", "soldier",
    "sergeant", "colonel", "general", "admiral", "commander", "spokesman", "spokeswoman",
    "minister", "president", "adviser", "advisor", "aide", "official", "chief", "head", "leader",
    "director", "secretary", "senator", "lawmaker", "candidate", "nominee", "businessman",
    "businesswoman", "executive", "ceo", "chairman", "chairwoman", "chair", "analyst", "professor",
    "lawyer", "judge", "ambassador", "envoy", "mayor", "governor", "representative", "congressman",
    "congresswoman", "owner", "manager", "coach", "chancellor", "premier", "diplomat", "negotiator",
    "strategist", "pollster", "researcher", "scientist", "expert", "physician", "doctor", "officer",
    "superintendent", "commissioner", "administrator", "counsel", "speaker", "king", "queen",
    "prince", "pope", "prime", "principal", "dean", "treasurer", "organizer", "activist",
    "co-founder", "cofounder", "partner", "investor", "veteran", "challenger", "incumbent",
    "justice", "captain", "legislator", "councilman", "councilwoman", "councilmember", "delegate",
    "chairperson", "lieutenant", "comptroller", "emir", "sheikh", "sultan", "monarch", "dictator",
    "strongman", "president-elect", "author", "historian", "member", "whip", "host", "anchor",
    "correspondent", "editor", "reporter", "columnist", "bartender", "waiter", "waitress",
    "cashier", "clerk", "mechanic", "plumber", "electrician", "carpenter", "contractor", "landlord",
    "tenant", "homeowner", "shopkeeper", "shopowner", "grocer", "barber", "baker", "butcher",
    "fisherman", "rancher", "pharmacist",
}
_ROLE_STRONG = {
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "secretary", "senator",
    "ceo", "chairman", "chairwoman", "director", "governor", "mayor", "ambassador", "leader",
    "chief", "head", "chancellor", "premier", "representative", "congressman", "congresswoman",
    "commissioner", "speaker", "envoy", "adviser", "advisor", "founder", "judge", "justice",
    "general", "commander", "prosecutor", "attorney", "sheriff", "king", "queen", "prince",
    "pope", "prime", "lawmaker", "candidate", "nominee", "executive", "deputy", "officer",
    "president-elect",
}
# Lower-case institution nouns: "the ministry said", resolved to a named institution.
_ORG_NOUNS = {
    "ministry", "department", "agency", "kremlin", "pentagon", "company", "firm", "office",
    "court", "council", "committee", "commission", "party", "administration", "government",
    "bureau", "service", "authority", "board", "embassy", "institute", "foundation",
    "university", "association", "union", "federation", "league", "organization",
    "organisation", "corporation", "group", "bank", "fund", "network", "coalition", "campaign",
    "center", "centre", "club", "alliance", "cabinet", "command", "military", "army", "navy",
    "team", "hospital", "school", "district", "county", "city", "state", "regulator",
    "watchdog",
}
_DOC_NOUNS = {
    "statement", "report", "letter", "document", "documents", "release", "post", "filing",
    "lawsuit", "complaint", "order", "ruling", "study", "survey", "poll", "memo", "bill",
    "indictment", "website", "affidavit", "data", "records", "analysis", "article", "story",
    "review", "assessment", "agreement", "proposal", "plan", "law", "statute", "suit",
    "petition", "warrant", "motion", "transcript", "video", "tweet", "message", "email",
    "notice", "announcement", "guidance", "estimate", "estimates", "forecast", "figures",
    "research", "paper", "book", "investigation", "probe", "audit", "census", "tally",
    "count", "results", "model", "index", "opinion", "decision", "verdict", "brief", "policy",
    "draft", "source", "sources", "reports", "media", "outlet", "newspaper", "magazine",
    "publication", "footage", "photos", "polls", "surveys", "studies", "reporting",
}
# News outlets and agencies: sources of reports, not speakers.
_MEDIA = {
    "reuters", "ap", "associated press", "afp", "agence france-presse", "bloomberg", "cnn",
    "fox news", "fox", "nbc", "nbc news", "abc", "abc news", "cbs", "cbs news", "npr", "bbc",
    "the new york times", "new york times", "the washington post", "washington post",
    "the wall street journal", "wall street journal", "usa today", "politico", "axios",
    "the guardian", "guardian", "tass", "ria novosti", "ria", "interfax", "xinhua",
    "al jazeera", "novosti", "sputnik", "rt", "kyodo", "yonhap", "menafn", "saba", "the times",
    "the post", "the journal", "newsnation", "msnbc", "cnbc", "semafor", "the hill", "newsweek",
    "time", "forbes", "business insider", "insider", "yahoo", "yahoo news", "the atlantic",
    "the independent", "the telegraph", "daily mail", "the sun", "sky news", "euronews",
    "dw", "deutsche welle", "le monde", "der spiegel", "spiegel", "haaretz",
    "the times of israel", "times of israel", "ukrinform", "kyiv independent", "meduza",
    "kommersant", "izvestia", "vedomosti", "the economist", "financial times", "ft",
    "the week", "vox", "slate", "the intercept", "propublica", "the daily beast", "tmz",
    "people", "variety", "deadline", "the hollywood reporter", "espn", "the athletic",
    "the new yorker", "the los angeles times", "los angeles times", "the new york post",
    "new york post", "the daily wire", "breitbart", "newsmax", "one america news", "oan",
    "c-span", "pbs", "abc7", "wsj", "nyt", "the associated press", "agence france presse",
    "kyiv post", "anadolu", "anadolu agency", "irna", "kcna", "yonhap news agency",
    "state media", "tasnim", "fars", "press tv", "global times", "cctv", "nhk",
}
_MEDIA_WORDS = {
    "news", "times", "post", "journal", "press", "gazette", "tribune", "herald", "telegraph",
    "chronicle", "daily", "magazine", "radio", "tv", "television", "broadcasting", "novosti",
    "wire", "newspaper", "reporter", "observer", "examiner", "inquirer", "dispatch", "courier",
    "sentinel", "bulletin", "review", "weekly", "today", "newswire", "networks", "podcast",
}
# Countries, capitals and regions that news uses for their governments ("Moscow said").
_PLACES = {
    "russia", "ukraine", "china", "iran", "israel", "india", "pakistan", "japan", "germany",
    "france", "britain", "turkey", "syria", "iraq", "egypt", "saudi arabia", "qatar",
    "north korea", "south korea", "taiwan", "poland", "hungary", "belarus", "georgia",
    "moldova", "armenia", "azerbaijan", "kazakhstan", "venezuela", "cuba", "mexico", "canada",
    "brazil", "argentina", "italy", "spain", "sweden", "finland", "norway", "denmark",
    "estonia", "latvia", "lithuania", "romania", "bulgaria", "serbia", "greece", "lebanon",
    "jordan", "yemen", "afghanistan", "libya", "sudan", "ethiopia", "nigeria", "kenya",
    "south africa", "australia", "new zealand", "the netherlands", "netherlands", "belgium",
    "austria", "switzerland", "moscow", "kyiv", "kiev", "washington", "beijing", "tehran",
    "jerusalem", "london", "paris", "berlin", "brussels", "tokyo", "seoul", "pyongyang",
    "ankara", "warsaw", "budapest", "minsk", "tbilisi", "damascus", "baghdad", "cairo",
    "riyadh", "doha", "taipei", "ottawa", "havana", "caracas", "hamas", "hezbollah",
    "the kremlin", "kremlin", "white house", "the white house", "pentagon", "the pentagon",
    "nato", "the eu", "eu", "the un", "un", "u.n.", "the u.n.",
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
    "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
    "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey",
    "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon",
    "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "virginia", "west virginia", "wisconsin", "wyoming",
}
_FIRST_M = set("""
donald joe joseph barack george bill william john james robert michael david richard charles
thomas christopher daniel matthew anthony mark paul steven stephen andrew kenneth kevin brian
edward ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan larry justin scott
brandon benjamin samuel frank gregory raymond alexander patrick jack dennis jerry tyler aaron
jose adam henry nathan douglas zachary peter kyle walter ethan jeremy harold keith christian
roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan jordan billy bruce
albert willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis
bobby philip johnny mike chuck mitch ted marco rand hakeem chris tim tom jim ron rick greg pete
josh matt dan dave steve ben sam nick jon rob bob jeff doug gavin elon vivek hunter kash
mohammed muhammad mohammad ali ahmed ahmad hassan hossein yair naftali emmanuel olaf friedrich
keir rishi boris narendra recep vladimir dmitry dmitri dmitriy sergey sergei alexei alexey
andrei andriy andrey volodymyr mikhail nikolai nikolay kirill igor yuri yury ivan oleg viktor
pavel denys dmytro petro vitali vitaly yevgeny evgeny ramzan aleksandr leonid pedro luiz javier
carlos luis miguel jair gustavo nicolas nicolás andrés mario matteo francis antonio jens jerome
lloyd antony jake merrick alejandro jd mitt bernie ron kirk tucker sean lindsey rudy rudolph
newt dick al jimmy gerald lyndon dwight franklin woodrow herbert calvin warren ulysses abraham
jared eric hunter beau barron tiffany don kamala tim josh gretchen ken kent mikhail gennady
anatoly boris vasily arkady valery valeriy maxim maksim roman stanislav konstantin grigory
yevgeniy alexandr sergiy serhiy oleksandr oleksiy mykhailo mykola taras bohdan vadym vasyl
ihor yuriy kyrylo rustem arseniy petr milorad aleksandar slobodan emomali ilham nikol
recep bashar abdel abdullah mahmoud hosni anwar khalid salman mohammed faisal tamim yahya
ismail ebrahim hassan masoud ali-akbar javad abbas benny benjamin yoav itamar bezalel isaac
reuven shimon ehud ariel yitzhak gilad moshe yossi avi ron gideon
""".split())
_FIRST_F = set("""
maria marie anna anne ann mary patricia jennifer linda barbara elizabeth jessica sarah karen
nancy lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda
melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela helen shirley emma
olivia sophia isabella mia charlotte julia grace victoria rose catherine katherine kate
christina christine samantha debra rachel carolyn janet virginia heather diane julie joyce
evelyn joan kelly judith megan andrea cheryl hannah jacqueline martha gloria teresa sara janice
madison frances kathryn jean alice judy abigail denise beverly amber theresa marilyn danielle
diana brittany natalie sophie hillary kamala melania ivanka jill karine karoline tulsi kristi
pam marjorie liz elise nikki alexandria kirsten susan greta jacinda ursula kaja giorgia marine
yulia olena svetlana irina natalia natalya tatiana tatyana ekaterina yekaterina valentina ella
elvira iryna oksana lyudmila margarita olga marina anastasia veronika elena yelena maia
salome sanna mette annalena kristalina christine gina janet kristen kristin jeanne jeanine
stacey stacy tammy tina katie kathy cathy lauren megyn oprah taylor beyonce beyoncé selena
ilhan rashida ayanna pramila katie katherine lori muriel karen letitia kathy gretchen
katie maura tulsi shalanda deb haley nikki condoleezza madeleine hillary sonia elena amy
ketanji sandra ruth kimberly kristi pam susie marsha cindy lisa shelley joni cynthia maggie
jeanne tammy jacky jackie michelle melinda priscilla mackenzie
""".split())

# Capitalised words that start sentences but are not names ("However", "Officials", "But").
_FUNC_CAPS = {
    "the", "a", "an", "but", "and", "or", "so", "yet", "still", "meanwhile", "however", "also",
    "now", "then", "later", "earlier", "instead", "separately", "afterward", "afterwards",
    "asked", "speaking", "last", "this", "that", "these", "those", "in", "on", "at", "after",
    "before", "when", "while", "if", "as", "for", "with", "without", "by", "from", "to",
    "despite", "during", "since", "until", "although", "though", "because", "according",
    "officials", "authorities", "police", "experts", "analysts", "critics", "residents",
    "witnesses", "prosecutors", "investigators", "researchers", "scientists", "democrats",
    "republicans", "sources", "observers", "others", "some", "many", "both", "supporters",
    "opponents", "leaders", "lawmakers", "officers", "doctors", "people", "everyone",
    "nobody", "someone", "they", "he", "she", "it", "we", "i", "you", "his", "her", "their",
    "its", "our", "my", "your", "there", "here", "what", "who", "why", "how", "where", "which",
    "yes", "no", "not", "only", "even", "just", "indeed", "ultimately", "finally", "first",
    "second", "third", "next", "today", "yesterday", "tomorrow", "tonight", "overall", "often",
    "again", "further", "furthermore", "moreover", "besides", "thus", "hence", "therefore",
    "otherwise", "rather", "perhaps", "maybe", "each", "every", "all", "any", "most",
    "more", "much", "several", "few", "other", "another", "such", "one", "two", "three",
    "agencies", "families", "parents", "students", "teachers", "workers",
    "employees", "users", "voters", "members", "fans", "customers", "investors", "economists",
    "advocates", "activists", "organizers", "protesters", "senators", "representatives",
    "judges", "lawyers", "attorneys", "president", "mr", "ms", "mrs", "dr", "gov", "sen",
    "rep", "chief", "former", "state", "federal", "local", "national", "u.s.", "american",
    "notably", "importantly", "specifically", "similarly", "likewise",
    "additionally", "elsewhere", "nationwide", "statewide", "worldwide", "commenting",
    "responding", "reacting", "writing", "saying", "adding", "noting", "following", "amid",
    "among", "over", "under", "about", "around", "within", "across", "against", "toward",
    "towards", "upon", "into", "onto", "via", "per", "like", "unlike", "near",
}

_PARTY_RE = re.compile(r"[RDI]-[A-Z][\w.\-]*")
_PREPS = {"of", "for", "from", "with", "by", "to", "about", "against", "at", "on", "in", "into",
          "than", "like", "between", "among", "toward", "towards", "upon", "via", "over"}
_RELATIVE = {"which", "that", "who", "whom", "whose", "where"}
_PARTY_WORDS = {"republican", "democratic", "democrat", "gop", "independent", "conservative",
                "labour", "liberal", "progressive"}
_CORE_FUNC = {
    "that", "this", "these", "those", "but", "and", "or", "so", "yet", "if", "when", "while",
    "because", "although", "though", "it", "he", "she", "they", "we", "i", "you", "there",
    "here", "what", "who", "why", "how", "where", "which", "is", "was", "are", "were",
}
# Common nouns that start sentences as speakers of no one in particular ("Shoppers said").
_GENERIC_NOUNS = set("""
shopper consumer buyer seller driver traveler traveller passenger patient doctor nurse teacher
worker employee employer business company firm retailer bank lender landlord tenant homeowner
renter farmer grower producer manufacturer automaker airline carrier official regulator
lawmaker legislator senator judge prosecutor attorney lawyer defendant plaintiff critic
supporter opponent advocate activist protester demonstrator organizer volunteer survivor victim
family relative friend neighbor neighbour local visitor tourist fan viewer reader listener user
customer client member participant respondent scientist researcher expert analyst economist
strategist pollster observer historian scholar author officer deputy trooper firefighter soldier
troop forecaster meteorologist investigator inspector witness source insider people american
democrat republican conservative liberal progressive moderate independent israeli palestinian
ukrainian russian european resident parent student child kid adult voter citizen immigrant
migrant refugee owner manager leader executive investor trader banker player coach athlete
research data history evidence science experience polling analysis report study survey poll
estimate figure record document filing court police authority agency government administration
official many most some several others both all few none everyone everybody someone somebody
nobody anyone anybody no one each either neither staff crew team group committee panel jury
audience crowd community public media press news paper newspaper article story book video
""".split())
# Function words that may lead a capitalised chain at a sentence start ("But Smith said").
_LEAD_FUNC = set("""
is are was were will would can could should did does do has have had may might must shall
whether unless whereas wherever whenever whoever whatever video ad feedback
the a an but and or so yet still meanwhile however also now then later earlier instead
separately afterward afterwards asked speaking last this that these those in on at after before
when while if as for with without by from to despite during since until although though because
according here there even just indeed ultimately finally yes no not only overall often again
further furthermore moreover besides thus hence therefore otherwise rather perhaps maybe notably
importantly specifically similarly likewise additionally elsewhere commenting responding
reacting writing saying adding noting following amid among over under about around within
across against toward towards upon into onto via per like unlike near what who why how where
which he she it they we i you his her their its our my your
""".split())
_AGE_RE = re.compile(r"[\w-]+-year-old|\d+-year-old", re.I)
_VERBISH = set("""
is was are were has had have will would can could should may might must did does do says said
told went made took gave got came saw met ran won lost led held left kept put set let thought
brought bought sent spent built felt heard knew became began wrote spoke chose rose fell drove
grew threw flew drew wore stood sat paid laid sold found also then later never still previously
recently first again already just repeatedly quickly once now often soon finally initially
""".split())
_SUFFIXES = {"jr.", "sr.", "jr", "sr", "ii", "iii", "iv", "v"}
_PARTICLES = {
    "de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos",
    "das", "bin", "ibn", "al", "el", "ter", "ten", "zu", "y", "e", "st.", "mac", "ben", "abu",
}
_CONNECTORS = {"of", "the", "for", "and", "&", "on"}

_RELATIVE_ROLE = re.compile(r"\b(?:first lady|lady|wife|husband|son|daughter|brother|sister|mother"
                            r"|father|widow|niece|nephew|cousin|granddaughter|grandson|"
                            r"stepdaughter|stepson|daughter-in-law|son-in-law)\b", re.I)
_FEMALE_ROLE = re.compile(r"\b(?:spokeswoman|chairwoman|congresswoman|businesswoman|"
                          r"councilwoman|assemblywoman|queen|princess|actress|wife|mother|"
                          r"daughter|sister|widow|first lady|madam|dame|lady|mrs\.?|ms\.?|"
                          r"miss|duchess|empress|grandmother|girlfriend)\b", re.I)
_MALE_ROLE = re.compile(r"\b(?:spokesman|chairman|congressman|businessman|councilman|"
                        r"assemblyman|king|prince|actor|husband|father|son|brother|widower|"
                        r"mr\.?|sir|lord|duke|emperor|grandfather|boyfriend|pope|fr\.)\b", re.I)

# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    rf"(?:{UP}\.){{2,}}"  # U.S., J.D.
    rf"|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Cmdr|Prof|Rev|St|Jr|Sr|Hon"
    rf"|Atty|Supt|Det|Fr|Msgr|Sens|Reps)\.(?!\w)"
    rf"|{UP}\.(?=\s+{UP})"  # initial "F." before a capitalised word
    rf"|[\w§][\w§’'\-&.]*[\w§]|[\w§]"
    r"|[,;:()“”—–\"/]"
)


@dataclass
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def base(self) -> str:
        """Lower case without a possessive ending."""
        low = self.text.lower()
        if low.endswith(("’s", "'s")):
            return low[:-2]
        return low

    @property
    def possessive(self) -> bool:
        return self.text.endswith(("’s", "'s", "s’", "s'"))

    @property
    def cap(self) -> bool:
        c = self.text[0]
        return c.isupper()


def _tokens(s: str, offset: int) -> list[_Tok]:
    out = []
    for m in _TOKEN_RE.finditer(s):
        t = m.group()
        # a trailing period is a sentence end unless it is an initial or abbreviation
        if t.endswith(".") and len(t) > 1 and not _is_abbrev_token(t):
            out.append(_Tok(t[:-1], offset + m.start(), offset + m.end() - 1))
        else:
            out.append(_Tok(t, offset + m.start(), offset + m.end()))
    return out


def _is_abbrev_token(t: str) -> bool:
    if _INITIALS_RE.fullmatch(t):
        return True
    return t[:-1].lower() in _ABBREV


def _is_name_tok(t: _Tok) -> bool:
    """A token that can be part of a capitalised name chain."""
    s = t.text
    if MASK in s:
        return False
    c = s[0]
    if c.isupper():
        return len(s) > 1  # a lone capital ("a post on X Pritzker") is no name
    low = s.lower()
    return bool(_RX_IS_NAME_TOK_1.match(low)) and len(s) > 4


def _is_acronym(s: str) -> bool:
    letters = s.replace(".", "").replace("&", "")
    return len(letters) >= 2 and letters.isupper() and letters.isascii() and letters.isalpha()


# Patterns used in the functions below, compiled once.
_INITIALS_RE = re.compile(rf"(?:{UP}\.)+")
_INITIAL_RE = re.compile(rf"{UP}\.")
_RX_IS_NAME_TOK_1 = re.compile(r"(?:al|el|ad|as|ar|an|bin|ben|abu)-\w")
_RX_PARAGRAPHS_1 = re.compile(r"[^\n]+")
_RX_SENTENCES_1 = re.compile(r"(?:[a-z]\.)+")
_RX_SENTENCES_2 = re.compile(r"[a-z]\.")
_RX_ROLE_WORDS_1 = re.compile(r"[\w’'\-]+")
_RX_NORM_NAME_1 = re.compile(r"\s+")
_RX_NORM_NAME_2 = re.compile(r"[’']s$")
_RX_ORG_1 = re.compile(r"^(?:the|The)\s+")
_RX_IS_MEDIA_1 = re.compile(r"^the ")
_RX_IS_MEDIA_2 = re.compile(r"\.(?:com|org|net|co\.uk|tv)\b|-tv\b|\btv\b|\bradio\b")
_RX_APPOSITIVE_1 = re.compile(r"^(?:the|a|an|The|A|An)\s+")
_RX_NP_ENDING_AT_1 = re.compile(r"([\w’'.]+)\s+")
_RX_WORD_COUNT_1 = re.compile(r"[\w’']+")
_RX_IS_COMMON_WORD_1 = re.compile(r"\b[a-z][a-z’'-]*\b")
_RX_APPOSITIVE_ROLE_1 = re.compile(
    r",\s*((?:the|a|an)\s+[^,;:.“”§()]{2,100}?)\s*(?:,|\.(?=\s|$)|;)")
_RX_APPOSITIVE_ROLE_2 = re.compile(r"^(?:the|a|an)\s+")
_RX_IS_SUBJECT_1 = re.compile(r",[^,;:.“”§]{1,120},")
_RX_IS_SUBJECT_2 = re.compile(r"\s+([a-z][\w’'-]*)")
_RX_PREV_WORD_1 = re.compile(r"([\w’']+)\W*$")
_RX_CUE_SITE_1 = re.compile(r"\s*[:,]?\s*“")
_RX_CUE_SITE_2 = re.compile(r"\s*[,]?\s*")
_RX_CUE_SITE_3 = re.compile(r"(?:\band|\bbut|,)\s*(?:(?:also|later|then)\s+)?$")
_RX_CUE_SITE_4 = re.compile(r"\b(?:and|but)\s*(?:(?:also|later|then)\s+)?$")
_RX_CUE_SITE_5 = re.compile(r",\s*$")
_RX_CUE_SITE_7 = re.compile(r"[,]\s*$")
_RX_OBJECT_POSITION_1 = re.compile(r"([\w’']+)\s*$")
_RX_ING_CUE_1 = re.compile(r"\b(?:and|while|before|after)\s*$")
_RX_ACCORDING_TO_1 = re.compile(r"\s*(?:,|$|\.|;|\)|—)")
_RX_ACCORDING_TO_2 = re.compile(r"[^,]*,\s*")
_RX_ACCORDING_TO_4 = re.compile(r"\s*,?\s*")
_RX_SKIP_COMPLEMENTS_1 = re.compile(r"\s*that\b")
_RX_SKIP_COMPLEMENTS_2 = re.compile(r"\s*(?:that\b|[,:]?\s*“)")
_RX_QUOTE_OPENING_AT_1 = re.compile(r":\s*$")
_RX_REPORTED_CONTENT_1 = re.compile(r"(?:was|were|is|are|had|has|would|will|could)\b")
_RX_REPORTED_CONTENT_2 = re.compile(r"(?:it|so|nothing|something|anything|this|that|yes|no)\W*$")
_RX_RESOLVE_NP_1 = re.compile(r"[\w’'-]+")

# --------------------------------------------------------------------------------------------
# 1. Quote spans
# --------------------------------------------------------------------------------------------

_MARK_RE = re.compile(r"’’|‘‘|''|[“”\"«»„]")
_OPENING_CONTEXT = set(" \t\n([{—–-/")
_CLOSING_FOLLOW = set(" \t\n,.;:!?)]}—–-/…")


@dataclass
class _Quote:
    open: int  # index of the opening mark
    close: int  # index of the closing mark; -1 when the quote is never closed
    start: int  # content offsets, without the marks and surrounding space
    end: int
    para: int  # paragraph of the opening mark
    para_end: int  # paragraph of the closing mark
    close_len: int = 1
    speaker: object | None = None  # resolved _Entity
    cue: str | None = None
    absorbed: bool = False
    attributed_pos: int = -1  # where its attribution is (for pronoun history)
    adjacent: bool = False  # has a cue right next to it


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _RX_PARAGRAPHS_1.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s] in " \t\r\u00a0":
            s += 1
        while e > s and text[e - 1] in " \t\r\u00a0":
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _mark_type(text: str, i: int, mark: str, ps: int, pe: int) -> str:
    if mark in "“„«" or mark == "‘‘":
        return "open"
    if mark in "”»" or mark == "’’":
        return "close"
    # a straight mark ('"' or "''"): read from the characters around it
    w = len(mark)
    prev = text[i - 1] if i > ps else " "
    nxt = text[i + w] if i + w < pe else " "
    if prev in _OPENING_CONTEXT and nxt not in " \t\n":
        return "open"
    if prev not in " \t\n" and (nxt in _CLOSING_FOLLOW or i + w >= pe):
        return "close"
    return "either"


def _find_quotes(text: str, paras: list[tuple[int, int]]) -> list[_Quote]:
    quotes: list[_Quote] = []
    open_at = -1  # index of an opening mark not yet closed
    open_para = -1
    prev_end = 0
    for pi, (ps, pe) in enumerate(paras):
        marks = [(m.start(), m.group()) for m in _MARK_RE.finditer(text, ps, pe)]
        if open_at >= 0:
            # a quote left open by the previous paragraph continues only if this paragraph
            # opens with a quote mark
            if marks and marks[0][0] == ps and _mark_type(text, ps, marks[0][1], ps, pe) != "close":
                marks = marks[1:]
            else:
                _add_unclosed(text, quotes, open_at, open_para, pi - 1, prev_end)
                open_at = -1
        for i, mark in marks:
            kind = _mark_type(text, i, mark, ps, pe)
            if open_at < 0:
                if kind in ("open", "either"):
                    open_at, open_para = i, pi
                # a stray closing mark is ignored
                continue
            if kind == "open" and (mark != '"' or text[i - 1] in " \t"):
                # a new opening mark while one is open: the earlier one was never closed
                if open_para == pi:
                    open_at = i
                    continue
                _add_unclosed(text, quotes, open_at, open_para, pi - 1, prev_end)
                open_at, open_para = i, pi
                continue
            q = _make_quote(text, open_at, i, len(mark), open_para, pi)
            if q is not None:
                quotes.append(q)
            open_at = -1
        prev_end = pe
    if open_at >= 0:
        _add_unclosed(text, quotes, open_at, open_para, len(paras) - 1, prev_end)
    return quotes


def _add_unclosed(text, quotes, open_at, open_para, last_para, end) -> None:
    """A quote never closed: it runs to the end of the last paragraph that continued it."""
    s = open_at + (2 if text[open_at:open_at + 2] in ("''", "‘‘") else 1)
    while s < end and text[s] in " \t":
        s += 1
    e = end
    while e > s and text[e - 1] in " \t,;:":
        e -= 1
    if e - s < 2:
        return
    quotes.append(_Quote(open=open_at, close=-1, start=s, end=e, para=open_para,
                         para_end=last_para, close_len=0))


def _make_quote(text, o, c, clen, pa, pb) -> _Quote | None:
    s = o + (2 if text[o:o + 2] in ("''", "‘‘") else 1)
    e = c if c >= 0 else s
    while s < e and text[s] in " \t\n":
        s += 1
    while e > s and text[e - 1] in " \t\n":
        e -= 1
    while e > s and text[e - 1] in ",;:":
        e -= 1
    while e > s and text[e - 1] in " \t\n":
        e -= 1
    if c >= 0 and e <= s:
        return None
    return _Quote(open=o, close=c, start=s, end=e, para=pa, para_end=pb, close_len=clen)


# --------------------------------------------------------------------------------------------
# 2. Masking and sentences
# --------------------------------------------------------------------------------------------


def _mask(text: str, quotes: list[_Quote]) -> str:
    parts = []
    pos = 0
    for q in quotes:
        qe = q.close if q.close >= 0 else q.end
        if q.open < pos:
            continue
        parts.append(text[pos:q.open])
        parts.append("“")
        parts.append(MASK * (qe - q.open - 1))
        if q.close >= 0:
            parts.append("”" + " " * (q.close_len - 1))
            pos = q.close + q.close_len
        else:
            pos = qe
    parts.append(text[pos:])
    masked = "".join(parts)
    # stray quote marks that did not pair: blank them
    for mark in ('"', "„", "«", "»"):
        if mark in masked:
            masked = masked.replace(mark, " ")
    return masked


_SENT_END_RE = re.compile(r"[.!?]+[)\]]?(?=\s)|”(?=\s)|\n+")


def _sentences(text: str, masked: str) -> list[tuple[int, int]]:
    bounds = [0]
    n = len(masked)
    for m in _SENT_END_RE.finditer(masked):
        e = m.end()
        ch = m.group()[0]
        if ch == "\n":
            bounds.append(e)
            continue
        if ch == "”":
            before = text[m.start() - 1] if m.start() > 0 else ""
            # the sentence ends with the quote when its last character ends a sentence
            k = m.start() - 1
            while k > 0 and text[k] in " \t":
                k -= 1
            before = text[k]
            if before not in ".!?…":
                continue
        else:
            # abbreviation or initial before the period?
            ws = masked.rfind(" ", max(0, m.start() - 20), m.start()) + 1
            word = masked[ws:m.start() + 1].strip("([{“").lower()
            if word.endswith(".") and (word[:-1] in _ABBREV or _RX_SENTENCES_1.fullmatch(word)
                                       or _RX_SENTENCES_2.fullmatch(word)):
                continue
        # next non-space must look like a sentence start
        j = e
        while j < n and masked[j] in " \t":
            j += 1
        if j < n and masked[j] == "\n":
            continue
        if j >= n:
            continue
        c = masked[j]
        if c.isupper() or c.isdigit() or c in "“(‘'\"":
            bounds.append(j)
    bounds.append(n)
    out = []
    bounds = sorted(set(bounds))
    for a, b in itertools.pairwise(bounds):
        while a < b and masked[a] in " \t\n":
            a += 1
        e = b
        while e > a and masked[e - 1] in " \t\n":
            e -= 1
        if a < e:
            out.append((a, e))
    return out


# --------------------------------------------------------------------------------------------
# 3. Entities
# --------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Entity:
    name: str
    kind: str  # "person" | "org"
    roles: list[str] = field(default_factory=list)
    gender: str | None = None
    alias: _Entity | None = None  # merged into this entity

    def final(self) -> _Entity:
        e = self
        while e.alias is not None:
            e = e.alias
        return e

    @property
    def surname(self) -> str:
        toks = [t for t in self.name.split() if t.lower() not in _SUFFIXES
                and not _INITIAL_RE.fullmatch(t)]
        return toks[-1].lower() if toks else self.name.lower()

    @property
    def role(self) -> str | None:
        """The most informative role the article gives: a strong title with its institution
        ("White House press secretary") before a bare one ("spokeswoman")."""
        best, best_score = None, -1.0
        for i, r in enumerate(self.roles):
            words = r.split()
            low = {w.strip(",.").lower() for w in words}
            score = 0.0
            if low & _ROLE_STRONG:
                score += 2
            if any(w[0].isupper() and w.strip(",.").lower() not in _TITLES for w in words):
                score += 1
            score += min(len(words), 6) * 0.05 - i * 0.01
            if score > best_score:
                best, best_score = r, score
        return best

    def role_words(self) -> set[str]:
        out: set[str] = set()
        for r in self.roles:
            for w in _RX_ROLE_WORDS_1.findall(r.lower()):
                out.add(w.removesuffix("’s").removesuffix("'s"))
        return out


@dataclass
class _NP:
    kind: str  # "pron" | "name" | "role"
    start: int  # offsets of the whole phrase
    end: int
    pron: str | None = None
    name: str | None = None  # the name part (persons) or whole chain (institutions)
    is_org: bool = False
    role: str | None = None
    head: str | None = None  # role noun
    mods: tuple[str, ...] = ()
    definite: bool = True
    org_pp: str | None = None  # "a spokesperson for the State Department" -> State Department
    sentence_initial: bool = False
    title_gender: str | None = None
    appos_name: bool = False  # "One of Cohen's lawyers, Lanny Davis, said": name in apposition


def _norm_name(s: str) -> str:
    s = _RX_NORM_NAME_1.sub(" ", s).strip()
    s = _RX_NORM_NAME_2.sub("", s)
    return s


def _gender_of(name: str, role: str | None, title: str | None = None) -> str | None:
    if title:
        g = _TITLE_ABBREV.get(title.lower())
        if g:
            return g
    if role:
        if _FEMALE_ROLE.search(role):
            return "F"
        if _MALE_ROLE.search(role):
            return "M"
    parts = name.split()
    if len(parts) >= 2:
        first = parts[0].lower().strip(".")
        if first in _FIRST_F:
            return "F"
        if first in _FIRST_M:
            return "M"
    last = parts[-1].lower() if parts else ""
    if last.endswith(("ova", "eva", "yova", "skaya", "tskaya", "ina")) and len(last) > 5:
        return "F"
    if last.endswith(("ov", "ev", "yov", "sky", "skiy", "skyi", "ovich", "evich", "enko")):
        return "M"
    return None


_ANONYMOUS = _Entity(name="", kind="person")  # an unnamed speaker ("a Syrian officer")


class _Registry:
    def __init__(self) -> None:
        self.people: dict[str, _Entity] = {}
        self.orgs: dict[str, _Entity] = {}
        self.by_surname: dict[str, list[_Entity]] = {}
        self.mentions: list[tuple[int, _Entity, bool]] = []  # (pos, entity, subject?)

    # -- registration --
    def person(self, name: str, role: str | None, gender: str | None) -> _Entity:
        name = _norm_name(name)
        key = name.lower()
        e = self.people.get(key)
        if e is None:
            e = _Entity(name=name, kind="person")
            self.people[key] = e
            toks = name.split()
            if len(toks) >= 2:
                sur = e.surname
                # a surname-only entity seen earlier becomes this person
                lone = self.people.get(sur)
                if lone is not None and lone is not e and lone.alias is None and \
                        len(lone.name.split()) == 1:
                    lone.alias = e
                    e.roles.extend(r for r in lone.roles if r not in e.roles)
                    e.gender = e.gender or lone.gender
                self.by_surname.setdefault(sur, []).append(e)
        e = e.final()
        if role and role not in e.roles:
            e.roles.append(role)
        if gender and not e.gender:
            e.gender = gender
        return e

    def org(self, name: str) -> _Entity:
        name = _norm_name(name)
        name = _RX_ORG_1.sub("", name)
        key = name.lower()
        e = self.orgs.get(key)
        if e is None:
            e = _Entity(name=name, kind="org", gender="N")
            self.orgs[key] = e
        return e

    def lookup_surname(self, word: str, pos: int) -> _Entity | None:
        cands = self.by_surname.get(word.lower())
        if not cands:
            return None
        # relatives introduced as such ("first lady Melania Trump") are not who a bare
        # surname means: news writes "Melania" for her and "Trump" for the president
        cands = [c.final() for c in cands if not any(_RELATIVE_ROLE.search(r) for r in c.roles)]
        if not cands:
            return None
        if len({id(c) for c in cands}) == 1:
            return cands[0]
        # several people share the surname ("Donald Trump", "Melania Trump"): the one named
        # in the last few paragraphs (the most recent), else the one named most often
        count: dict[int, int] = {}
        last: dict[int, int] = {}
        for p, ent, _subj in self.mentions:
            if p >= pos:
                continue
            ent = ent.final()
            if any(ent is c for c in cands):
                count[id(ent)] = count.get(id(ent), 0) + 1
                last[id(ent)] = max(last.get(id(ent), -1), p)
        if not count:
            return cands[0]
        near = [c for c in cands if pos - last.get(id(c), -10**9) <= 1500]
        if near:
            return max(near, key=lambda c: last[id(c)])
        return max(cands, key=lambda c: (count.get(id(c), 0), last.get(id(c), -1)))


# --------------------------------------------------------------------------------------------
# 4. Noun phrases around cues
# --------------------------------------------------------------------------------------------


def _split_chain(chain: list[_Tok]) -> tuple[list[_Tok], list[_Tok]]:
    """Split a capitalised chain into (title/role part, name part)."""
    cut = -1
    for i, t in enumerate(chain):
        low = t.base
        if i == 0 and len(chain) >= 3 and low in _ROLE_NOUNS and low not in _FIRST_M \
                and low not in _FIRST_F and low not in ("marine", "dean", "major", "king", "earl"):
            cut = 0  # "Bartender Johnny Ransdell", "Principal Joshua Otlin"
            continue
        if i >= 2 and chain[i - 1].low in ("of", "for") and (
                chain[i - 2].base in _TITLES or chain[i - 2].base in _ORG_WORDS):
            cut = i  # "Secretary of War Pete Hegseth": the word after "of" is part of the title
            continue
        if low in _TITLES or low.rstrip(".") in _TITLES or low in _ORG_WORDS or t.possessive \
                or (_is_acronym(t.text) and i < len(chain) - 1 and len(chain) > 1
                    and not _initials_as_name(t, chain[i + 1])) or low in _CONNECTORS:
            cut = i
    name = chain[cut + 1:]
    # the name part must hold a real name token, not just "Jr." or an initial
    while name and not any(
        t.low not in _SUFFIXES and not _INITIAL_RE.fullmatch(t.text) for t in name
    ):
        # back off to an earlier cut
        prev = -1
        for i in range(cut):
            t = chain[i]
            if t.base in _TITLES or t.base in _ORG_WORDS or t.low in _CONNECTORS:
                prev = i
        if prev == cut or prev < 0:
            cut = -1
            name = chain
            break
        cut = prev
        name = chain[cut + 1:]
    return chain[:cut + 1], name


def _initials_as_name(t: _Tok, nxt: _Tok) -> bool:
    """'JB Pritzker', 'JD Vance': two or three capitals used as a first name."""
    letters = t.text.replace(".", "")
    return len(letters) <= 3 and nxt.base not in _TITLES and nxt.base not in _ORG_WORDS \
        and not _is_acronym(nxt.text) and nxt.text[:1].isupper()


def _is_orgish(chain: list[_Tok]) -> bool:
    if not chain:
        return False
    last = chain[-1]
    low = last.base
    if low in _ORG_HEADS:
        return True
    # "Office of the Director of National Intelligence", "Bank of America" (but not "Bank of
    # America analyst Ebrahim H. Poonawala")
    if len(chain) >= 3 and chain[0].base in _ORG_HEADS and chain[1].low in ("of", "for"):
        _title, name = _split_chain(chain)
        return len(name) <= 1
    if len(chain) == 1 and _is_acronym(last.text) and low not in ("jd",):
        return True
    return bool(_is_acronym(last.text) and len(chain) > 1 and chain[-2].base in _ORG_WORDS)


def _is_media(name: str) -> bool:
    low = _RX_NORM_NAME_1.sub(" ", name.lower()).strip()
    low = _RX_IS_MEDIA_1.sub("", low)
    if _RX_IS_MEDIA_2.search(low):
        return True
    if low in _MEDIA or ("the " + low) in _MEDIA:
        return True
    words = low.split()
    if words and words[-1] in _MEDIA_WORDS:
        return True
    return bool("news" in words or "novosti" in words or low.endswith(" news agency")
                or (words and words[-1] == "agency" and len(words) >= 2
                    and words[-2] in ("news", "novosti", "press", "information", "tass", "ria")))


class _Parser:
    """Noun phrases read left or right from a cue, within one sentence of masked text."""

    def __init__(self, text: str, masked: str) -> None:
        self.text = text
        self.masked = masked

    def adjacent(self, a: _Tok, b: _Tok) -> bool:
        """Only white space between two tokens (no period, no line break)."""
        gap = self.masked[a.end:b.start]
        return not gap or (gap.isspace() and "\n" not in gap)

    def toks(self, lo: int, hi: int) -> list[_Tok]:
        return _tokens(self.masked[lo:hi], lo)

    # -- backward: the phrase that ends at `hi` --
    def before(self, lo: int, hi: int, allow_appos: bool = True,
               allow_object: bool = False) -> _NP | None:
        lo = max(lo, hi - 200)
        toks = self.toks(lo, hi)
        i = len(toks) - 1
        # skip adverbs and auxiliaries: "Peskov also said", "he has repeatedly said"
        skipped = 0
        while i >= 0 and skipped < 4:
            t = toks[i]
            low = t.low
            if low in _ADV_AUX or low in _WEEKDAYS:
                i -= 1
                skipped += 1
                if low in _WEEKDAYS and i >= 0 and toks[i].low == "on":
                    i -= 1
                continue
            break
        if i < 0:
            return None
        t = toks[i]
        if t.low in _PRONOUNS:
            prev = toks[i - 1] if i > 0 else None
            if (prev is not None and prev.low in ("and", "or", "&")) or (
                    prev is not None and prev.low in _RELATIVE):
                return None
            return _NP("pron", t.start, t.end, pron=t.low,
                       sentence_initial=i == 0)
        if t.text == "," and allow_appos:
            return self._appositive(toks, i, lo)
        np = self._np_ending_at(toks, i)
        if np is None:
            return None
        named = self._name_before_role(toks, np)
        if named is not None:
            return named
        ext = self._extend_pp(toks, np, lo)
        if ext is np and not allow_object:
            # the object of a preposition or a relative clause is not the speaker:
            # "member of Congress says", "which Twitter said was"
            k = next((x for x, tk in enumerate(toks) if tk.start == np.start), None)
            if k is not None and k > 0:
                pw = toks[k - 1].low
                if pw in ("the", "a", "an") and k > 1:
                    pw = toks[k - 2].low
                if pw in _PREPS or pw in _RELATIVE:
                    return None
        return ext

    def _appositive(self, toks: list[_Tok], i: int, lo: int, depth: int = 0) -> _NP | None:
        """toks[i] is a comma just before the cue: '... NAME, APPOSITIVE, said'."""
        j = i - 1
        while j >= 0 and i - j <= 30:
            tt = toks[j]
            if tt.text == ",":
                break
            if tt.text in (";", ":", "“", "”", "(", ")") or MASK in tt.text:
                return None
            j -= 1
        if j < 0 or toks[j].text != "," or j == i - 1:
            return None
        appos = toks[j + 1:i]
        if appos[0].low in _PRONOUNS or appos[0].low in ("both", "all", "each", "together"):
            return None  # "Walz and his wife, Gwen, both former teachers, said": two speakers
        np = self._np_ending_at(toks, j - 1)
        if np is not None and np.kind == "name" and not np.is_org and self._after_prep(toks, np):
            return None  # "Authorities in Texas, including the governor, have pledged"
        # "One of Cohen's lawyers, Lanny Davis, said": the appositive is the name
        if (np is None or np.kind == "role") and _is_name_tok(appos[-1]):
            inner = self._np_ending_at(appos, len(appos) - 1)
            if inner is not None and inner.kind == "name" and not inner.is_org and \
                    inner.start == appos[0].start:
                inner.end = toks[i].start
                inner.appos_name = True
                return inner
        again = depth < 2 and (
            (np is not None and np.kind == "name" and np.name and _PARTY_RE.fullmatch(np.name))
            or (np is None and j - 1 >= 0 and toks[j - 1].low in _WEEKDAYS)
            # "Tim Dillingham, executive director of the American Littoral Society, a coastal
            # advocacy group, said": the institution is inside the first appositive
            or (np is not None and np.kind == "name" and np.is_org and self._after_prep(toks, np)))
        if again:
            return self._appositive(toks, j, lo, depth + 1)
        if np is None or np.kind == "pron":
            # "he, however, said"
            if j - 1 >= 0 and toks[j - 1].low in ("he", "she", "they", "it"):
                t = toks[j - 1]
                return _NP("pron", t.start, t.end, pron=t.low)
            return None
        appos_text = self.text[appos[0].start:appos[-1].end]
        words = {a.base for a in appos}
        if np.kind == "name" and not np.is_org and not np.role and (
                words & _ROLE_NOUNS or words & _TITLES):
            r = _RX_APPOSITIVE_1.sub("", appos_text).strip()
            if 0 < len(r) <= 120 and not r.lower().startswith(("who ", "which ", "whose ")):
                np.role = r
        np.end = toks[i].start
        return np

    def _name_before_role(self, toks: list[_Tok], np: _NP) -> _NP | None:
        """'Robert J. Stevens, chairman and CEO said': a name, a comma, then its role."""
        words = re.findall(r"[\w’'.\-]+", self.text[np.start:np.end])
        if not words or not all(w.lower().rstrip(".") in _TITLES or w.lower() in _ROLE_NOUNS
                                or w.lower() in ("and", "of", "the") for w in words):
            return None
        k = next((x for x, t in enumerate(toks) if t.start == np.start), None)
        if k is None:
            return None
        while k > 0 and toks[k - 1].text != "," and (
                toks[k - 1].base in _ROLE_NOUNS or toks[k - 1].base in _TITLES
                or toks[k - 1].low in ("and", "of", "the", "senior", "former", "chief")):
            k -= 1
        if k < 2 or toks[k - 1].text != ",":
            return None
        name = self._np_ending_at(toks, k - 2)
        if name is None or name.kind != "name" or name.is_org:
            return None
        name.role = name.role or self.text[toks[k].start:np.end]
        name.end = np.end
        return name

    @staticmethod
    def _after_prep(toks: list[_Tok], np: _NP) -> bool:
        k = next((x for x, t in enumerate(toks) if t.start == np.start), None)
        if k is None or k == 0:
            return False
        pw = toks[k - 1].low
        if pw in ("the", "a", "an") and k > 1:
            pw = toks[k - 2].low
        return pw in _PREPS

    def _np_ending_at(self, toks: list[_Tok], i: int, in_group: bool = False) -> _NP | None:
        """The noun phrase whose last token is toks[i]. `in_group`: a name in a list
        ("Peskov and Lavrov") is still a mention, though not a single speaker."""
        if i < 0:
            return None
        t = toks[i]
        if MASK in t.text or t.text in "“”":
            return None
        # name chain
        if _is_name_tok(t) and t.low not in _PRONOUNS:
            j = i
            while j - 1 >= 0:
                p = toks[j - 1]
                if not self.adjacent(p, toks[j]):
                    break
                if _is_name_tok(p) and not p.possessive:
                    j -= 1
                    continue
                if p.low in _PARTICLES:
                    # "Ursula von der Leyen": one or more particles between name words
                    b = j - 1
                    while b - 1 >= 0 and toks[b - 1].low in _PARTICLES and b > j - 3:
                        b -= 1
                    if b - 1 >= 0 and _is_name_tok(toks[b - 1]) and not toks[b - 1].possessive:
                        j = b
                        continue
                if p.low in ("of", "from") and j - 2 >= 0 and _is_name_tok(toks[j - 2]) and \
                        self.adjacent(toks[j - 2], p):
                    j -= 1
                    continue
                if p.low == "the" and j - 3 >= 0 and toks[j - 2].low in ("of", "for") and \
                        _is_name_tok(toks[j - 3]) and (toks[j - 3].base in _ORG_WORDS
                                                       or toks[j - 3].base in _TITLES):
                    j -= 2  # "Office of the Director of National Intelligence"
                    continue
                if p.low in _CONNECTORS and p.low not in ("and", "&") and j - 2 >= 0 and \
                        _is_name_tok(toks[j - 2]) and (
                            toks[j - 2].base in _ORG_WORDS or toks[j - 2].base in _TITLES
                            or toks[j].base in _ORG_WORDS):
                    j -= 1
                    continue
                if p.low in ("and", "&") and j - 2 >= 0 and _is_name_tok(toks[j - 2]) and \
                        toks[j - 2].base in _ORG_WORDS and toks[j].base in _ORG_WORDS:
                    j -= 1
                    continue
                if p.possessive and _is_name_tok(p) and (
                        toks[j].base in _ORG_WORDS or toks[j].base in _TITLES):
                    # "Russia's Foreign Ministry"
                    j -= 1
                    continue
                break
            chain = toks[j:i + 1]
            # "Sen. John Barrasso of Wyoming": the affiliation is not part of the name
            for x in range(1, len(chain) - 1):
                if chain[x].low in ("of", "from") and chain[x - 1].base not in _TITLES and \
                        chain[x - 1].base not in _ORG_WORDS and _is_name_tok(chain[x - 1]) and \
                        not _is_acronym(chain[x - 1].text):
                    if x - 1 == 0 and chain[0].low in _FUNC_CAPS:
                        break
                    return self._np_ending_at(toks, j + x - 1, in_group)
            # a function word inside a chain ends it: "Biden That is what we owe"
            for x in range(len(chain) - 1, 0, -1):
                if chain[x].cap and chain[x].low in _CORE_FUNC:
                    return self._np_ending_at(toks, j + x - 1, in_group) if x > 0 else None
            # drop sentence-initial function words ("But", "The")
            while chain and (chain[0].low in _LEAD_FUNC or chain[0].low in _CONNECTORS
                             or _AGE_RE.fullmatch(chain[0].text)):
                chain = chain[1:]
            while chain and chain[-1].low in _CONNECTORS:
                return None
            if not chain:
                return None
            before = toks[j - 1] if j - 1 >= 0 else None
            if before is not None and before.low in ("and", "or", "&", "nor") and not in_group \
                    and not (j - 2 >= 0 and (toks[j - 2].base in _ORG_WORDS
                                             or toks[j - 2].base in _TITLES)):
                return None  # "Trump and Vance said": a group
            sentence_initial = j == 0 or (j <= 2 and all(x.low in _FUNC_CAPS or x.text == ","
                                                          for x in toks[:j]))
            if chain[-1].possessive:
                return None
            if _is_orgish(chain):
                start = chain[0].start
                # "the Russian Foreign Ministry" / "Russia's Foreign Ministry"
                return _NP("name", start, chain[-1].end, name=self.text[start:chain[-1].end],
                           is_org=True, sentence_initial=sentence_initial)
            title_part, name_part = _split_chain(chain)
            if len(name_part) == 1 and title_part and not any(
                    x.base in _TITLES or x.base.rstrip(".") in _TITLES or x.base in _PARTY_WORDS
                    for x in title_part) \
                    and all(x.base in _ORG_WORDS or x.low in _CONNECTORS for x in title_part):
                # "US Catholic", "New Scientist": a name of an institution or a publication
                start = chain[0].start
                return _NP("name", start, chain[-1].end, name=self.text[start:chain[-1].end],
                           is_org=True, sentence_initial=sentence_initial)
            if not name_part:
                # "the President", "Secretary of State"
                head = chain[-1].base.rstrip(".")
                mods = tuple(x.base for x in chain[:-1])
                det = before.low if before is not None else ""
                return _NP("role", chain[0].start, chain[-1].end, head=head, mods=mods,
                           definite=det not in ("a", "an", "another", "one"),
                           sentence_initial=sentence_initial)
            # role words before the chain: "Kremlin spokesman Dmitry Peskov"
            k = j - 1
            role_start = title_part[0].start if title_part else None
            while k >= 0 and j - k <= 8:
                p = toks[k]
                low = p.base
                if not self.adjacent(p, toks[k + 1]):
                    break
                if low == "of" and not (k >= 1 and (toks[k - 1].base in _TITLES
                                                    or toks[k - 1].base in _ROLE_NOUNS)):
                    break
                if p.text in (",", ";", ":", "“", "”", "(", ")", "—", "–") or MASK in p.text:
                    break
                if low in _WEEKDAYS or low in _MONTHS:
                    break
                if low in ("the", "a", "an", "and", "or", "&", "with", "by", "to", "from",
                           "at", "in", "on", "for", "as", "that", "than", "said", "says",
                           "told", "after", "before", "while", "when", "whom", "who") \
                        or _CUE_KIND.get(p.low):
                    break
                if p.cap and not p.possessive and low not in _TITLES and \
                        low not in _ORG_WORDS and not (
                            toks[k + 1].cap or toks[k + 1].base in _ROLE_NOUNS
                            or toks[k + 1].base in _TITLES):
                    break  # "Harris leading former President Trump": Harris is no title
                if low in _ROLE_NOUNS or low in _TITLES or p.cap or p.possessive or \
                        low in ("of", "presidential", "foreign", "press", "top", "senior",
                                "former", "deputy", "acting", "interim", "chief", "current",
                                "first",
                                "then", "outgoing", "incoming", "longtime", "influential",
                                "prominent", "veteran", "republican",
                                "democratic", "defense", "military", "national", "state",
                                "federal", "local", "opposition", "conservative", "liberal",
                                "progressive", "independent", "ruling", "senior",
                                "economic", "security", "political", "executive", "general",
                                "vice", "assistant", "associate", "special", "white",
                                "house", "majority", "minority", "ranking", "party",
                                "campaign", "education", "health", "finance", "trade"):
                    role_start = p.start
                    k -= 1
                    continue
                break
            role = None
            if role_start is not None:
                rtxt = self.text[role_start:name_part[0].start].strip()
                while True:
                    mlead = _RX_NP_ENDING_AT_1.match(rtxt)
                    if not mlead or not (mlead.group(1).lower() in _FUNC_CAPS - _TITLES - {
                            "president", "former", "chief", "state", "federal", "national",
                            "u.s.", "american", "first"} or mlead.group(1).lower() in ("of",)):
                        break
                    rtxt = rtxt[mlead.end():]
                words = {w.lower().strip(".,") for w in rtxt.split()}
                if words & (_ROLE_NOUNS | _TITLES) and rtxt:
                    role = rtxt
            title_word = title_part[-1].text if title_part else None
            start = role_start if role_start is not None else name_part[0].start
            name = self.text[name_part[0].start:name_part[-1].end]
            return _NP("name", start, name_part[-1].end, name=name, role=role,
                       sentence_initial=sentence_initial and role_start is None,
                       title_gender=_TITLE_ABBREV.get((title_word or "").lower()))
        # role noun phrase: "the Kremlin spokesman", "the ministry", "the ministry's spokeswoman"
        head = t.base
        if head in _ROLE_NOUNS or head in _ORG_NOUNS:
            if t.possessive:
                return None
            j = i
            mods: list[str] = []
            while j - 1 >= 0 and i - j < 6:
                p = toks[j - 1]
                if p.low in ("the", "a", "an", "its", "his", "her", "their", "this", "that",
                             "another", "one", "our", "whose"):
                    break
                if p.text in (",", ";", ":", "“", "”", "(", ")") or MASK in p.text:
                    break
                if _CUE_KIND.get(p.low) or p.low in ("and", "or", "to", "in", "on", "at",
                                                     "with", "by", "from", "for", "as",
                                                     "after", "before", "when", "while"):
                    break
                mods.insert(0, p.base)
                j -= 1
            det = toks[j - 1].low if j - 1 >= 0 else ""
            if det not in ("the", "a", "an", "its", "his", "her", "their", "this", "that",
                           "another", "one") and not (mods and (toks[j].cap or toks[j].possessive)):
                return None  # a bare plural or sentence-initial "Officials said": no one speaker
            start = toks[j - 1].start if det else toks[j].start
            return _NP("role", start, t.end, head=head, mods=tuple(mods),
                       definite=det not in ("a", "an", "another", "one"))
        return None

    def _extend_pp(self, toks: list[_Tok], np: _NP, lo: int) -> _NP:
        """'a spokesperson for the State Department' read backwards from 'Department'."""
        # find the token index of np.start
        idx = next((k for k, t in enumerate(toks) if t.start == np.start), None)
        if idx is None:
            return np
        k = idx - 1
        if k >= 0 and toks[k].low in ("the", "its"):
            k -= 1
        if k >= 0 and toks[k].low in ("for", "of", "at", "with", "from"):
            outer = self._np_ending_at(toks, k - 1)
            if outer is not None and outer.kind == "role" and outer.head in _ROLE_NOUNS:
                if np.kind == "name" and np.is_org:
                    outer.org_pp = np.name
                elif np.kind == "role":
                    # "a spokesperson for the U.S. attorney's office"
                    outer.org_pp = _DET_RE.sub("", self.text[np.start:np.end])
                outer.mods = outer.mods + tuple(
                    w.lower() for w in _RX_ROLE_WORDS_1.findall(self.text[np.start:np.end]))
                outer.end = np.end
                return outer
        return np

    # -- forward: the phrase that starts at `lo` ("said Kremlin spokesman Dmitry Peskov") --
    def after(self, lo: int, hi: int) -> _NP | None:
        hi = min(hi, lo + 260)
        toks = self.toks(lo, hi)
        if not toks:
            return None
        t0 = toks[0]
        if t0.low in _PRONOUNS:
            return _NP("pron", t0.start, t0.end, pron=t0.low)
        # collect the phrase: role words and capitalised tokens
        k = 0
        if t0.low in ("the", "a", "an"):
            k = 1
        j = k
        while j < len(toks) and j - k < 12:
            t = toks[j]
            low = t.base
            if t.text in (",", ";", ":", "“", "”", "(", ")", "—", "–") or MASK in t.text:
                break
            if _is_name_tok(t) or low in _ROLE_NOUNS or low in _TITLES or low in _PARTICLES \
                    or (low in _CONNECTORS and low not in ("and", "&", "on")) or low in (
                        "presidential", "foreign", "press", "top", "senior", "former", "deputy",
                        "acting", "chief", "republican", "democratic", "national", "state",
                        "federal", "white", "house", "vice", "assistant", "executive"):
                if low in _WEEKDAYS or low in _MONTHS:
                    break
                j += 1
                continue
            break
        # drop trailing connectors
        while j > k and toks[j - 1].low in _CONNECTORS | _PARTICLES:
            j -= 1
        if j == k:
            return None
        phrase = toks[k:j]
        # a trailing "of X" that is an affiliation: "De Haan of Gas Buddy" -> keep name only
        for idx in range(1, len(phrase)):
            if phrase[idx].low in ("of", "for", "at") and idx > 0 and _is_name_tok(
                    phrase[idx - 1]) and phrase[idx - 1].base not in _ORG_WORDS and \
                    phrase[idx - 1].base not in _TITLES:
                phrase = phrase[:idx]
                break
        end_tok = len(phrase) - 1
        np = self._np_ending_at(phrase, end_tok)
        if np is None:
            return None
        if k == 1 and np.kind == "role":
            np.definite = t0.low == "the"
            np.start = t0.start
        # appositive after it: "said Peskov, the Kremlin spokesman,"
        rest_i = k + len(phrase)
        if np.kind == "name" and not np.is_org and not np.role and rest_i < len(toks) and \
                toks[rest_i].text == ",":
            m = rest_i + 1
            app = []
            while m < len(toks) and toks[m].text not in (",", ";", ":", "“", "”", "(", ")") \
                    and MASK not in toks[m].text and m - rest_i < 20:
                app.append(toks[m])
                m += 1
            words = {a.base for a in app}
            if app and (words & _ROLE_NOUNS or words & _TITLES) and \
                    app[0].low not in ("who", "which", "referring", "adding", "saying") and \
                    not _CUE_KIND.get(app[0].low):
                r = self.text[app[0].start:app[-1].end]
                np.role = _RX_APPOSITIVE_1.sub("", r)
        return np


# --------------------------------------------------------------------------------------------
# 5. Cues and statements
# --------------------------------------------------------------------------------------------

_ADVERBIAL_RE = re.compile(
    r"\s*,?\s*(?:"
    r"(?:on|last|this|early|late|earlier|later)?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:on\s+)?(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.\s+\d{1,2}(?:,\s*\d{4})?"
    r"|(?:on\s+)?(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+\d{1,2}(?:,\s*\d{4})?"
    r"|(?:last|this|next|earlier this|later that|earlier that)\s+(?:week|month|year|weekend"
    r"|morning|afternoon|evening|night|spring|summer|fall|autumn|winter)"
    r"|(?:earlier|later|recently|previously|again|also|publicly|privately|repeatedly"
    r"|yesterday|today|tonight|then|separately|afterward|afterwards|bluntly|flatly|simply"
    r"|firmly|strongly|however)"
    r"|in\s+(?:a|an|the|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}?(?:statement|interview"
    r"|post|tweet|speech|letter|email|e-mail|news\s+conference|press\s+conference|briefing"
    r"|release|video|message|op-ed|address|memo|filing|remarks|appearance|podcast|column"
    r"|essay|broadcast|call|hearing|meeting|session|conversation|text|note|book|report"
    r"|announcement|testimony)"
    r"(?:\s+(?:on|to|with|at|posted|released|published|issued|from|for|obtained\s+by)"
    r"\s+(?:the\s+)?[^,.;:“”§]{1,50}?(?=[,.;:“]|\s+that\b|\s+(?:on|in|at)\s|$))?"
    r"|in\s+(?:remarks|comments|an?\s+\w+\s+interview)"
    r"|on\s+(?:X|Twitter|Telegram|Facebook|Instagram|TikTok|Truth\s+Social|social\s+media"
    r"|Bluesky|Threads|YouTube|television|TV|Sunday|air|camera|the\s+\w+\s+floor"
    r"|the\s+floor|the\s+record|background|condition\s+of\s+anonymity|a\s+call"
    r"|a\s+conference\s+call|a\s+podcast|the\s+podcast"
    r"|(?:his|her|its|their)\s+(?:[\w’'-]+\s+){0,3}?(?:account|page|feed|platform|site|website"
    r"|show|podcast|channel|blog|program|programme|newsletter|social\s+media))"
    r"|at\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}?(?:news\s+conference|press\s+conference"
    r"|briefing|rally|event|hearing|meeting|summit|forum|ceremony|conference|gathering"
    r"|session|roundtable|luncheon|dinner|town\s+hall)"
    r"|during\s+(?:a|an|the|his|her|their)\s+(?:[\w’'-]+\s+){0,4}?(?:interview|conference"
    r"|briefing|speech|visit|meeting|call|appearance|hearing|debate|address|rally|trip"
    r"|remarks|broadcast|podcast|session|event|show|program|programme)"
    r"|by\s+(?:phone|telephone|email|e-mail|text)"
    r"|via\s+(?:a\s+)?(?:spokesperson|spokesman|spokeswoman|email|e-mail|text|statement)"
    r"|through\s+a\s+(?:spokesperson|spokesman|spokeswoman|lawyer|representative)"
    r"|in\s+(?:Moscow|Washington|Kyiv|Kiev|Beijing|London|Paris|Berlin|Brussels|Geneva"
    r"|New\s+York|Tehran|Jerusalem)"
    r"|in\s+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)(?:\s+\d{4})?"
    r"|in\s+\d{4}"
    r")(?=\W)"
)
_TOLD_OBJ_RE = re.compile(
    r"\s*(?:(?:the|a|an)\s+)?(?:reporters|journalists|lawmakers|senators|legislators|him|her"
    r"|them|us|me|supporters|the\s+audience|audience|the\s+crowd|crowd|the\s+court|court"
    r"|the\s+jury|jurors|the\s+committee|committee|the\s+panel|viewers|listeners|readers"
    r"|students|members|attendees|guests|parliament|congress|delegates|the\s+press"
    r"|[\w’'.&-]*[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|of|the|and))*)"
    r"(?:\s+(?:news\s+agency|newspaper|agency|magazine|reporters|in\s+an\s+interview))?"
)

_ING_OR_CONJ_CUT = re.compile(
    r"(?:,\s*|\s+)(?:and|but)\s+(?:(?:he|she|they|it)\s+)?(?:also\s+|later\s+|then\s+)?"
    r"(?=(?:said|added|stressed|insisted|noted|warned|stated|declared|argued|claimed|denied"
    r"|confirmed|told|wrote|emphasized|emphasised|explained|acknowledged|suggested|urged"
    r"|promised|vowed|pointed|reiterated|underscored|highlighted|cautioned|predicted)\b)"
    r"|,\s*(?=(?:" + "|".join(sorted(_ING_CUES - {"writing", "telling", "asking"})) + r")\b)"
)

_PP_THAT_RE = re.compile(
    r"\s+(?:for|to|with|at|in|on|during|after|before|about)\s+[^,;:“”§.]{1,50}?\s+(?=that\b)")
_DATELINE_RE = re.compile(rf"{UP}[\w.’'\- ]{{1,30}}:\s+")
_OBJ_THAT_RE = re.compile(r"\s+(?:[\w’'-]+\s+){1,8}?(?=that\b)")
_DET_RE = re.compile(r"^(?:the|a|an|its|his|her|their)\s+", re.I)
_DET_BEFORE_RE = re.compile(r"\b(?:a|an|the)\s+$")
_ROLEISH_BEFORE_RE = re.compile(r"[a-z’']\s+$")
_CAPWORD_RE = re.compile(rf"(?<![\w’'.\-]){UP}[\w’'\-]+")
_CAP_BEFORE_RE = re.compile(rf"{UP}[\w’'.\-]*\s$")
_ING_SUBJECT_LEAD = re.compile(r"\b(?:with|as)\s+(?:(?:the|a|an)\s+)?$")
_INVERTED_TAIL_RE = re.compile(r"\s*(?:,[^,;“”§]{0,160}?)?\s*[.!?]?\s*")
_ATTR_REMAINDER_RE = re.compile(
    r"(?:to|at|in|on|during|before|after|while|as|with|from|of|about|outside|inside|near"
    r"|amid|among|following|through|via|by)\b")
_INVERTED_END_RE = re.compile(
    r"\s*(?:[,.;:!?—–)“]|$|(?:on|in|at|during|to|from|after|before|while|with|of|when|as|last"
    r"|this|earlier|later|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar"
    r"|Apr|May|June|July|Aug|Sept|Oct|Nov|Dec|January|February|March|April|August|September"
    r"|October|November|December|recently|yesterday|today|told|wrote|said|added|and)\b)")
_COMMA_THAT_RE = re.compile(r"\s*,\s*(?=that\b)")
_FINAL_THAT_RE = re.compile(r"\s*[,:]?\s*(?:that\b)?\s*[:,]?")
_TRAIL_END_RE = re.compile(r"\s*(?:[,.;:!?—–)“]|$)")
_WEAK_THAT_RE = re.compile(r"\s*(?:,[^,]{1,80},\s*)?that\b")
_ING_WORD_RE = re.compile(
    r"(?:" + "|".join(sorted(_ING_CUES | {"referring", "citing", "speaking", "pointing",
                                          "responding", "reacting", "echoing", "standing",
                                          "sitting", "appearing", "wearing", "holding",
                                          "visiting", "addressing", "campaigning"})) + r")\b")
_ADVERBIAL_OPENERS = set("""
until then in on at after before however still now meanwhile ultimately instead also so but
and yet for since by with without despite during when while if as although though once today
yesterday earlier later last this next overall initially eventually separately privately
publicly again indeed
""".split())
_NEW_SUBJECT_RE = re.compile(
    rf"(?:{UP}[\w’'\-]+|\b(?:he|she|they))\s+(?:was|is|were|are|had|has|have|would|will|could"
    rf"|did|does|[a-z]+ed)\b")
_TITLE_SMALL = {"of", "the", "a", "an", "and", "or", "in", "on", "at", "to", "for", "with", "by",
                "from", "vs", "de", "la", "le", "y"}
_THAT_SUBJECT_RE = re.compile(r"\bthat\s+$")
_SUBJECT_START_RE = re.compile(
    rf"(?:(?:But|And|Still|However|Meanwhile|Later|Then),?\s+)?"
    rf"((?:{UP}[\w’'.\-]*\s+){{0,4}}{UP}[\w’'\-]*|[Hh]e|[Ss]he|[Tt]hey)"
    rf"(?:,[^,;“”§]{{1,100}},)?\s+(?:also\s+|later\s+|then\s+|quickly\s+)?[a-z]+(?:ed|s)\b")
_THE_RE = re.compile(r"(?:the|The)\s")
_OWNER_RE = re.compile(rf"({UP}[\w\-]+)['’]s\s+((?:[a-z]+\s+)?(?:office|campaign|team|government"
                       rf"|administration))$")
_SUBORDINATE_BEFORE_RE = re.compile(
    r"\b(?:after|before|when|while|because|since|although|though|if|as|until|once|unless"
    r"|whereas|whom|that)\s+$", re.I)
_PROGRESSIVE_RE = re.compile(r"\s(?:is|was|are|were|has been|have been|had been)\s+$")
_ACC_END_RE = re.compile(r"\s*(?:,[^,;“”§]{1,120})?\s*(?:[.;]|$)")
_OBJECT_CUES = {"told", "tells", "wrote", "writes", "posted", "tweeted", "informed", "assured",
                "reminded", "emailed", "texted"}
_TRAIL_GAP_RE = re.compile(r"\s*,?\s*(?:(?:an?|the)\s+)?(?:[a-z][\w-]*\s+){0,3}")
_COMMA_QUOTE_END_RE = re.compile(r",\s*[”\"]\s*$")
_BAD_CONTENT_START = re.compile(
    r"(?:as|while|when|after|before|during|was|were|is|are|had|has|have|would|will|could"
    r"|should|might|may|must|can|did|does|do|being|been|be|of|on|in|at|from|with|by|for"
    r"|about|previously|before)\b",
    re.I)
_PARENTHETICAL_ACC = re.compile(
    r"\s*,\s*(?:(?:according to|citing)\s+[^,]{1,80}|[^,“”§]{1,100}(?=,\s*that\b)),\s*")


@dataclass
class _Event:
    """Something to resolve in text order: an attribution, or a subject mention."""

    pos: int
    kind: str  # "attr" | "mention" | "anon" (an unnamed speaker)
    np: _NP | None = None
    entity: _Entity | None = None
    cue: str = ""
    quote: _Quote | None = None  # attribution of a quote
    content: tuple[int, int] | None = None  # reported content span
    inherit: bool = False  # subject is the previous cue's subject in this sentence
    sent: int = -1
    para: int = -1
    order: int = 0
    ce: int = -1  # end of the cue
    paren: bool = False  # 'A, he said, B': B has a subject of its own


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n,;:—–-":
        s += 1
    while e > s and text[e - 1] in " \t\n,;:—–-":
        e -= 1
    return s, e


def _word_count(text: str, s: int, e: int) -> int:
    return len(_RX_WORD_COUNT_1.findall(text[s:e]))


class _Extractor:
    def __init__(self, article_id: str, text: str) -> None:
        self.article_id = article_id
        self.text = text
        self.paras = _paragraphs(text)
        self.para_starts = [p[0] for p in self.paras]
        self.quotes = _find_quotes(text, self.paras)
        self.masked = _mask(text, self.quotes)
        self.sents = _sentences(text, self.masked)
        self.sent_starts = [s for s, _ in self.sents]
        self.parser = _Parser(text, self.masked)
        self.reg = _Registry()
        self.q_by_open = {q.open: q for q in self.quotes}
        self.q_by_close = {q.close: q for q in self.quotes if q.close >= 0}
        self.q_opens = sorted(self.q_by_open)
        self._lower_words: set[str] | None = None

    # -- helpers --
    def sent_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def para_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def is_common_word(self, word: str) -> bool:
        """Does the article use this word in lower case (so a capitalised one is not a name)?"""
        if self._lower_words is None:
            self._lower_words = set(_RX_IS_COMMON_WORD_1.findall(self.masked))
        return word.lower() in self._lower_words

    # -- 3. mentions --
    _CHAIN_RE = re.compile(
        rf"(?:(?:{UP}[\w’'\-]*\.?|{UP}\.|(?:al|el)-{UP}\w+)"
        rf"(?:\s+(?:(?:de|da|di|del|der|van|von|la|le|du|bin|ibn|al|of|the|for|and|&)\s+)*"
        rf"(?:{UP}[\w’'\-]*\.?|{UP}\.|(?:al|el)-{UP}\w+))+)"
    )

    def scan_mentions(self) -> list[_Event]:
        events: list[_Event] = []
        masked = self.masked
        adjacent = self.parser.adjacent
        for m in self._CHAIN_RE.finditer(masked):
            s, e = m.start(), m.end()
            if masked[e - 1] == "." and not _is_abbrev_token(
                    masked[max(s, masked.rfind(" ", s, e) + 1):e]):
                e -= 1
            toks = _tokens(masked[s:e], s)
            # a chain does not run over a sentence end: "Puna. To"
            for x in range(len(toks) - 1, 0, -1):
                if not adjacent(toks[x - 1], toks[x]):
                    toks = toks[x:]
                    break
            if len(toks) < 2:
                continue
            s = toks[0].start
            possessive = toks[-1].possessive
            if possessive:
                last = toks[-1]
                cut = 2 if last.text.endswith(("’s", "'s")) else 1
                toks[-1] = _Tok(last.text[:-cut], last.start, last.end - cut)
                e = toks[-1].end
            while len(toks) >= 2:
                np = self.parser._np_ending_at(toks, len(toks) - 1, in_group=True)
                if np is None:
                    break
                self.register_mention(np, toks[0].start if np.start < toks[0].start else np.start,
                                      e, possessive, events)
                # "Kremlin spokesman Dmitry Peskov and Foreign Minister Sergey Lavrov": the
                # chain may hold more names before this one
                k = next((x for x, tk in enumerate(toks) if tk.start >= np.start), len(toks))
                toks = toks[:k]
                while toks and (toks[-1].low in _CONNECTORS or not _is_name_tok(toks[-1])):
                    toks = toks[:-1]
                if toks:
                    e = toks[-1].end
                possessive = False
        # single-word mentions of known surnames ("Peskov said")
        by_surname = self.reg.by_surname
        if by_surname:
            for m in _CAPWORD_RE.finditer(masked):
                word = m.group()
                if word.lower() not in by_surname:
                    continue
                s = m.start()
                if _CAP_BEFORE_RE.search(masked, max(0, s - 25), s):
                    continue  # part of a longer name, counted above
                ent = self.reg.lookup_surname(word, s)
                if ent is not None and self.is_subject(s, m.end()):
                    events.append(_Event(s, "mention", entity=ent))
        events = [ev for ev in events if ev.order == 0]
        return events

    def register_mention(self, np: _NP, s: int, e: int, possessive: bool,
                         events: list[_Event]) -> None:
        masked = self.masked
        # role words before the chain in the sentence ("spokesman Dmitry Peskov")
        if np.kind == "name" and not np.is_org and np.start > 0 and _ROLEISH_BEFORE_RE.search(
                masked, max(0, np.start - 40), np.start):
            full = self.parser.before(self.sent_bounds(np.start)[0], e, allow_appos=False)
            if full is not None and full.kind == "name" and full.name == np.name:
                np = full
        if np.kind == "name" and not np.is_org and not np.role and \
                _DET_BEFORE_RE.search(masked, max(0, np.start - 6), np.start):
            return  # "a Schedule III drug", "the Trump administration"
        ent = self.entity_for_name(np, np.start)
        if ent is None:
            return
        self.reg.mentions.append((np.start, ent, True))
        # appositive role: "Dmitry Peskov, the Kremlin spokesman,"
        if ent.kind == "person" and masked.startswith(",", e):
            self.appositive_role(ent, e)
        if possessive:
            # "Trump's stance softened. He pledged ...": a sentence-initial possessor is the topic
            if self.sent_bounds(np.start)[0] == np.start and ent.kind == "person":
                events.append(_Event(np.start, "mention", np=np, entity=ent))
        elif self.is_subject(np.start, e):
            events.append(_Event(np.start, "mention", np=np, entity=ent))

    def sent_bounds(self, pos: int) -> tuple[int, int]:
        return self.sents[self.sent_of(pos)] if self.sents else (0, len(self.text))

    def appositive_role(self, ent: _Entity, e: int) -> None:
        m = _RX_APPOSITIVE_ROLE_1.match(
                     self.masked[e:e + 140])
        if not m:
            return
        r = m.group(1)
        words = {w.lower().strip("’'s") for w in r.split()}
        if words & _ROLE_NOUNS:
            r = _RX_APPOSITIVE_ROLE_2.sub("", r)
            if r not in ent.roles:
                ent.roles.append(r)
            if not ent.gender:
                ent.gender = _gender_of(ent.name, r)

    def is_subject(self, s: int, e: int) -> bool:
        """Is the mention at [s, e) the subject of a main clause?"""
        m = self.masked
        if _SUBORDINATE_BEFORE_RE.search(m, max(0, s - 12), s):
            return False  # "after Biden defeated him": not whom a later "he" means
        if e < len(m) and m[e:e + 2] in ("’s", "'s"):
            return False
        rest = m[e:e + 160]
        # skip an appositive
        ma = _RX_IS_SUBJECT_1.match(rest)
        if ma:
            rest = rest[ma.end():]
        mw = _RX_IS_SUBJECT_2.match(rest)
        if not mw:
            return False
        w = mw.group(1)
        if w in _VERBISH or w == "who":
            return True
        # a verb: "Dmitriev congratulated", "Peskov insists" (not "a Schedule III drug")
        return (w.endswith("ed") or (w.endswith("s") and not w.endswith(("ss", "us", "is"))))


    def entity_for_name(self, np: _NP, pos: int) -> _Entity | None:
        if np.kind != "name" or not np.name:
            return None
        name = _norm_name(np.name)
        first = name.split()[0]
        if len(name.split()) >= 2 and not np.is_org and first.lower() not in _FIRST_M | _FIRST_F \
                and (self.sent_bounds(np.start)[0] == np.start or len(name.split()) >= 3) \
                and self.is_common_word(first):
            # "Echoing Trump, ...", "Youth and Information Dana Morris Dixon": a word the
            # article also uses in lower case does not begin a name
            name = name.split(None, 1)[1]
        if np.is_org:
            if _is_media(name) or name.split()[-1].lower() in _GROUP_HEADS or (
                    " " not in name and name.lower() in _FUNC_CAPS):
                return None  # "Reuters", "Capitol Hill Democrats", a bare "Police"
            return self.reg.org(name)
        toks = name.split()
        if _is_media(name):
            return None
        if len(toks) >= 2 and not all(t.lower() in _FUNC_CAPS for t in toks):
            if name.lower() in _PLACES or all(t.lower() in _ORG_WORDS for t in toks):
                return self.reg.org(name)
            if _is_acronym(toks[-1]) and toks[-1].lower() not in _SUFFIXES:
                return None  # "Equinox EV", "Galaxy S": a product, not a person
            if any(t.lower() in _WEEKDAYS for t in toks) or _is_media(toks[0]):
                return None  # "CNN Sunday", "Fox News Tuesday" (but "Theresa May" is a name)
            g = np.title_gender or _gender_of(name, np.role)
            return self.reg.person(name, np.role, g)
        # one word
        word = toks[0]
        low = word.lower()
        known = self.reg.lookup_surname(word, pos)
        if known is not None:
            if np.role and np.role not in known.roles:
                known.roles.append(np.role)
            return known
        if low in _PLACES or ("the " + low) in _PLACES:
            return self.reg.org(word)
        if low in self.reg.orgs:
            return self.reg.orgs[low]
        if low in _FUNC_CAPS or low in _ROLE_NOUNS or low in _ORG_NOUNS or low in _DOC_NOUNS:
            return None
        if low in _FIRST_M or low in _FIRST_F:
            # a first name alone: someone introduced by first name
            pass
        if np.sentence_initial and not np.role and not np.title_gender and (
                self.is_common_word(word) or low in _GENERIC_NOUNS
                or (low.endswith("s") and low[:-1] in _GENERIC_NOUNS)):
            return None
        if _is_acronym(word):
            return self.reg.org(word)
        if not np.role and not np.title_gender and (
                word.endswith(("ers", "ians", "ists", "ans")) and self.is_common_word(word[:-1])):
            return None
        g = np.title_gender or _gender_of(word, np.role)
        return self.reg.person(word, np.role, g)

    # -- 4. cue sites --
    def cue_events(self) -> list[_Event]:
        events: list[_Event] = []
        masked = self.masked
        text = self.text
        for m in _CUE_RE.finditer(masked):
            cs, ce = m.start(), m.end()
            si = self.sent_of(cs)
            ss, se = self.sents[si] if self.sents else (0, len(text))
            if m.group("acc"):
                ev = self.according_to(cs, ce, ss, se, si)
                if ev is not None:
                    events.append(ev)
                continue
            cue = m.group("cue")
            kind = _CUE_KIND[cue]
            ev = self.cue_site(cue, kind, cs, ce, ss, se, si)
            if ev is None:
                continue
            ev.ce = ce
            events.append(ev)
            if ev.quote is not None and 0 <= ev.quote.close < cs:
                # '“A,” he said, “B.”': the attribution also opens the second part
                pos = ev.np.end if ev.np is not None and ev.np.start > cs else ce
                after = self.skip_complements(cue, pos, se)
                q2 = self.quote_opening_at(after, se, cs) if after >= 0 else None
                if q2 is not None and q2 is not ev.quote:
                    events.append(_Event(ev.pos, "attr", np=ev.np, cue=cue, quote=q2,
                                         sent=si, para=ev.para, inherit=ev.inherit, ce=ce))
        return events

    def _prev_word(self, pos: int, lo: int) -> str:
        mw = _RX_PREV_WORD_1.search(self.masked[max(lo, pos - 30):pos])
        return mw.group(1).lower() if mw else ""

    def cue_site(self, cue, kind, cs, ce, ss, se, si) -> _Event | None:
        masked = self.masked
        text = self.text
        prev = self._prev_word(cs, ss)
        if prev in _NEGATIONS or prev.endswith("n't"):
            return None
        if cue == "read" and not _RX_CUE_SITE_1.match(masked[ce:ce + 6]):
            return None
        left = masked[ss:cs]
        # --- trailing attribution of a quote: '”, said X' / '”, X said' ---
        q_before = self.quote_closing_before(ss, cs)
        # inverted: '”, said Kremlin spokesman Dmitry Peskov'
        if q_before is not None and _RX_CUE_SITE_2.fullmatch(masked[q_before[1]:cs]):
            np = self.parser.after(ce, se)
            # the phrase must end the attribution: '”, said Putin likely believed' is not one
            if np is not None and np.kind != "pron" and not _INVERTED_END_RE.match(
                    masked, np.end, se) and np.end < se:
                np = None
            if np is not None and kind != "ing":
                q = q_before[0]
                return _Event(np.start, "attr", np=np, cue=cue, quote=q, sent=si,
                              para=self.para_of(cs))
            return None
        if kind == "ing":
            return self.ing_cue(cue, cs, ce, ss, se, si)
        # subject before the cue
        np = self.parser.before(ss, cs)
        if np is not None and np.kind == "role" and cue in _NOUNY_CUES:
            return None  # "Trump's campaign promises", "the report's claims"
        if np is not None and np.kind == "role" and not np.definite and not np.org_pp:
            # "A Syrian officer told Reuters ...": an unnamed speaker, whom a later "he" means
            # (and the quote next to it is theirs, not the previous speaker's)
            near = q_before[0] if q_before is not None and _TRAIL_GAP_RE.fullmatch(
                masked[q_before[1]:np.start]) else None
            return _Event(np.start, "anon", quote=near)
        inherit = False
        if np is None:
            lw = left.rstrip()
            if _RX_CUE_SITE_3.search(lw) and \
                    _RX_CUE_SITE_4.search(lw):
                inherit = True
            elif lw.endswith(",") and kind == "say":
                # 'It was too late, said Clay Chaney, a meteorologist.'
                return self.inverted_reported(cue, cs, ce, ss, se, si)
            else:
                return None
        gap_lo = np.start if np is not None else cs
        raw = self.skip_complements(cue, ce, se, final=False)
        after = self.skip_complements(cue, ce, se)
        if after < 0 or raw < 0:
            return None
        # does the attribution end here ('Peskov said.' / 'Peskov said, adding' / 'said of X')
        # or does a said-clause follow ('Pritzker said the comments were ...')?
        ends = raw >= se - 1 or bool(_TRAIL_END_RE.match(masked, raw)) or bool(
            _ATTR_REMAINDER_RE.match(masked, after)) or bool(_ING_WORD_RE.match(masked, after))
        if not ends and (cue in _OBJECT_CUES or kind == "quote"):
            # 'Bach told the German dpa news agency on Tuesday.': a short tail with no verb
            rest = _RX_WORD_COUNT_1.findall(masked[raw:se])
            ends = len(rest) <= 8 and MASK not in masked[raw:se] and kind != "weak" and not any(
                w.lower() in _VERBISH or w.lower() == "that" or w.endswith("ed") for w in rest)
        # '”, Peskov said' : the phrase begins right after a closing quote
        if q_before is not None and _TRAIL_GAP_RE.fullmatch(masked[q_before[1]:gap_lo]) and ends:
            if kind == "weak":
                return None
            return _Event(gap_lo, "attr", np=np, cue=cue, quote=q_before[0], sent=si,
                          para=self.para_of(cs), inherit=inherit)
        # '.” Peskov said.' : a sentence of its own right after a quote
        if q_before is None and ss == gap_lo and kind != "weak" and ends:
            q = self.quote_ending_just_before(ss)
            if q is not None:
                return _Event(gap_lo, "attr", np=np, cue=cue, quote=q, sent=si,
                              para=self.para_of(cs))
        if kind == "quote":
            # leading: 'he asked: “...'
            q = self.quote_opening_at(after, se, cs)
            if q is not None:
                return _Event(gap_lo, "attr", np=np, cue=cue, quote=q, sent=si,
                              para=self.para_of(cs), inherit=inherit)
            return None
        # leading quote: 'Zakharova said: “...' / 'said that “...'
        q = self.quote_opening_at(after, se, cs)
        if q is not None and kind != "weak":
            return _Event(gap_lo, "attr", np=np, cue=cue, quote=q, sent=si,
                          para=self.para_of(cs), inherit=inherit)
        if (kind == "weak" or cue in _THAT_ONLY) and not _WEAK_THAT_RE.match(masked, ce, se):
            return None
        lead = masked[ss:gap_lo]
        if np is not None and lead.rstrip().endswith(",") and ends and not np.appos_name:
            # 'Russia will respond, Peskov said.' / 'A, Zandi said, somewhat softening ...' /
            # 'Until then, he said, Russia still sees ...' / 'The Kremlin, Peskov said, is ready.'
            words = _RX_WORD_COUNT_1.findall(lead)
            first = words[0].lower() if words else ""
            paren = False
            if first in _ADVERBIAL_OPENERS and len(words) <= 6:
                k = masked.find(",", raw, se)
                b_end = se
                cut = _ING_OR_CONJ_CUT.search(masked, k + 1, se) if k >= 0 else None
                if cut:
                    b_end = cut.start()  # "... DePape was living there and told her ..."
                cstart, cend = _strip_span(text, k + 1 if k >= 0 else se, b_end)
                paren = k >= 0
            elif len(words) >= 4:
                cstart, cend = _strip_span(text, ss, gap_lo)
            else:
                cstart, cend = _strip_span(text, ss, se)
            if _word_count(self.text, cstart, cend) >= 3 and not self.starts_with_quote_only(
                    cstart, cend):
                return _Event(gap_lo, "attr", np=np, cue=cue, content=(cstart, cend), sent=si,
                              para=self.para_of(cs), paren=paren or raw < se - 1)
            return None
        # leading reported: 'Lavrov stated that ...'
        if np is not None and np.kind == "name" and not np.is_org and np.sentence_initial is False \
                and _RX_CUE_SITE_7.search(lead) is None and lead.strip() and \
                not re.search(r"(?:^|[\s,(])(?:that|said|as|which|who|whom|while|when|if|because|"
                              r"after|before|since|though|although|where)\s*$",
                              masked[ss:np.start]) and \
                self.object_position(ss, np.start):
            # 'The report cited Peskov saying...' / 'praised by Peskov' (object, not subject)
            return None
        content = self.reported_content(cue, after, se)
        if content is None:
            return None
        return _Event(gap_lo, "attr", np=np, cue=cue, content=content, sent=si,
                      para=self.para_of(cs), inherit=inherit)

    def inverted_reported(self, cue, cs, ce, ss, se, si) -> _Event | None:
        np = self.parser.after(ce, se)
        if np is None or np.kind == "pron":
            return None
        rest = self.masked[np.end:se]
        if not _INVERTED_TAIL_RE.fullmatch(rest):
            return None
        cstart, cend = _strip_span(self.text, ss, cs)
        if _word_count(self.masked, cstart, cend) < 4 or "“" in self.masked[cstart:cend]:
            return None
        return _Event(np.start, "attr", np=np, cue=cue, content=(cstart, cend), sent=si,
                      para=self.para_of(cs))

    def object_position(self, ss: int, np_start: int) -> bool:
        """Is the phrase at np_start the object of a verb or preposition before it?"""
        mw = _RX_OBJECT_POSITION_1.search(self.masked[ss:np_start])
        if not mw:
            return False
        w = mw.group(1).lower()
        return w in ("by", "with", "to", "from", "for", "of", "about", "against", "on", "at",
                     "in", "like", "than", "cited", "quoted", "asked", "told", "urged", "called",
                     "met", "thanked", "praised", "criticized")

    def ing_cue(self, cue, cs, ce, ss, se, si) -> _Event | None:
        masked = self.masked
        left = masked[ss:cs]
        if _RX_CUE_SITE_5.search(left) or _RX_ING_CUE_1.search(left) or \
                _COMMA_QUOTE_END_RE.search(self.text, ss, cs):
            # ', adding that ...': the subject of the previous cue in this sentence
            inherit = True
            np = None
        else:
            mp = _PROGRESSIVE_RE.search(masked, ss, cs)
            hi = mp.start() if mp else cs  # "He is vowing a probe": the subject of "is"
            np = self.parser.before(ss, hi, allow_object=True)
            if np is None:
                return None
            # 'with the ODNI warning that': the phrase must not be an object of a verb
            lead = masked[ss:np.start]
            if lead.strip() and not _ING_SUBJECT_LEAD.search(lead):
                return None
            inherit = False
        after = self.skip_complements(cue, ce, se)
        if after < 0:
            return None
        q = self.quote_opening_at(after, se, cs)
        if q is not None:
            return _Event(np.start if np else cs, "attr", np=np, cue=cue, quote=q, sent=si,
                          para=self.para_of(cs), inherit=inherit)
        if cue == "asking":
            return None
        content = self.reported_content(cue, after, se)
        if content is None:
            return None
        return _Event(np.start if np else cs, "attr", np=np, cue=cue, content=content, sent=si,
                      para=self.para_of(cs), inherit=inherit)

    def according_to(self, cs, ce, ss, se, si) -> _Event | None:
        masked = self.masked
        text = self.text
        np = self.parser.after(ce + 1, se)
        if np is None:
            return None
        if np.kind == "role" and (np.head in _DOC_NOUNS):
            return None
        if np.kind == "name" and _is_media(np.name or ""):
            return None
        # the phrase must end the clause: 'according to X,' / 'according to X.'
        tail = masked[np.end:se]
        if not _RX_ACCORDING_TO_1.match(tail) and not re.match(
                r"\s*(?:in|on|at|during)\b[^,.;]{0,60}(?:,|$|\.)", tail):
            return None
        lead = masked[ss:cs]
        para = self.para_of(cs)
        if not lead.strip():
            # 'According to X, CONTENT'
            mc = _RX_ACCORDING_TO_2.match(masked[np.end:se])
            if not mc:
                return None
            after = np.end + mc.end()
            q = self.quote_opening_at(after, se, cs)
            if q is not None:
                return _Event(np.start, "attr", np=np, cue="according to", quote=q, sent=si,
                              para=para)
            cstart, cend = _strip_span(text, after, se)
        elif _RX_CUE_SITE_5.search(lead) and _ACC_END_RE.match(masked, np.end, se):
            # 'CONTENT, according to X.'
            q = self.quote_closing_before(ss, cs)
            if q is not None and _RX_ACCORDING_TO_4.fullmatch(masked[q[1]:cs]):
                return _Event(np.start, "attr", np=np, cue="according to", quote=q[0],
                              sent=si, para=para)
            cstart, cend = _strip_span(text, ss, cs)
        else:
            # mid-sentence: a source inside someone else's statement, or a parenthetical
            if _CUE_RE.search(masked, ss, cs) or _CUE_RE.search(masked, np.end, se):
                return None
            if not _RX_CUE_SITE_5.search(lead):
                return None
            cstart, cend = _strip_span(text, ss, se)
        if _word_count(self.text, cstart, cend) < 4:
            return None
        return _Event(np.start, "attr", np=np, cue="according to", content=(cstart, cend),
                      sent=si, para=para)

    def skip_complements(self, cue: str, ce: int, se: int, final: bool = True) -> int:
        """Position where the said content begins (after 'on Monday', 'told reporters', 'that').
        With final=False: after the adverbials only, before a comma, colon or 'that'."""
        masked = self.masked
        pos = ce
        for _ in range(6):
            moved = False
            if cue in ("told", "tells", "assured", "informed", "warned", "urged", "reminded"):
                m = _TOLD_OBJ_RE.match(masked, pos, se)
                if m and m.end() > pos and not _RX_SKIP_COMPLEMENTS_1.match(masked[pos:se]):
                    if m.group().endswith(("’s", "'s")):
                        return -1
                    pos = m.end()
                    moved = True
                elif _ == 0 and not _RX_SKIP_COMPLEMENTS_2.match(masked[pos:se]):
                    mt = _OBJ_THAT_RE.match(masked, pos, se)
                    if not mt:
                        return -1  # "told" with no one told: not speech
                    pos = mt.end()
                    moved = True
            m = _ADVERBIAL_RE.match(masked, pos, se)
            if m and m.end() > pos:
                pos = m.end()
                moved = True
            m = _PARENTHETICAL_ACC.match(masked, pos, se)
            if m:
                pos = m.end()
                moved = True
            m = _COMMA_THAT_RE.match(masked, pos, se)
            if m:
                pos = m.end()
                moved = True
            if not moved:
                break
        if not final:
            return pos
        # 'stressed at a briefing for reporters that ...'
        m = _PP_THAT_RE.match(masked, pos, se)
        if m:
            pos = m.end()
        m = _FINAL_THAT_RE.match(masked, pos, se)
        if m:
            pos = m.end()
        return pos

    def quote_opening_at(self, pos: int, se: int, cs: int) -> _Quote | None:
        """The quote whose opening mark is at `pos` (or at the start of the next paragraph
        when the cue ends its paragraph with a colon)."""
        masked = self.masked
        j = pos
        while j < len(masked) and masked[j] in " \t":
            j += 1
        if j < len(masked) and masked[j] == "“":
            return self.q_by_open.get(j)
        # 'Zakharova said:' at the end of a paragraph, quote in the next one
        if (j >= se and _RX_QUOTE_OPENING_AT_1.search(masked[cs:j])) or (
                j < len(masked) and masked[j] == "\n" and masked[cs:j].rstrip().endswith(":")):
            k = j
            while k < len(masked) and masked[k] in " \t\n":
                k += 1
            if k < len(masked) and masked[k] == "“":
                return self.q_by_open.get(k)
        return None

    def quote_closing_before(self, ss: int, cs: int) -> tuple[_Quote, int] | None:
        """The quote that closes last before the cue in this sentence: (quote, end of mark)."""
        k = self.masked.rfind("”", ss, cs)
        if k < 0:
            return None
        q = self.q_by_close.get(k)
        if q is None:
            return None
        return q, k + q.close_len

    def quote_ending_just_before(self, ss: int) -> _Quote | None:
        k = ss - 1
        while k >= 0 and self.masked[k] in " \t":
            k -= 1
        if k >= 0 and self.masked[k] == "”":
            q = self.q_by_close.get(k)
            if (q is not None and self.text[q.close - 1] in ".!?") or (
                    q is not None and self.text[max(0, q.end - 1)] in ".!?"):
                return q
        return None

    def starts_with_quote_only(self, s: int, e: int) -> bool:
        """Is [s, e) a quote and nothing else (then it is a quote, not reported speech)?"""
        seg = self.masked[s:e].strip()
        return seg.startswith("“") and seg.endswith("”") and seg.count("“") == 1

    def reported_content(self, cue: str, after: int, se: int) -> tuple[int, int] | None:
        masked = self.masked
        text = self.text
        s = after
        e = se
        # stop at the next cue of the same speaker: ' and said:', ', adding that'
        m = _ING_OR_CONJ_CUT.search(masked, s, e)
        if m:
            e = m.start()
        s, e = _strip_span(text, s, e)
        if e <= s:
            return None
        md = _DATELINE_RE.match(masked, s, e)
        if md and (s == 0 or masked[s - 1] == "\n"):
            s = md.end()
        seg = masked[s:e]
        # content that is just a quote: the quote is the statement (handled as a quote)
        if seg.startswith("“"):
            return None
        # a quote inside the content that runs past the sentence, or has its own cue
        k = seg.find("“")
        if k >= 0:
            q = self.q_by_open.get(s + k)
            if q is not None and (q.close < 0 or q.close >= e or q.para_end != q.para):
                e = s + k
                s, e = _strip_span(text, s, e)
                if _word_count(self.text, s, e) < 8:
                    return None
        if _BAD_CONTENT_START.match(masked, s) and \
                _THAT_SUBJECT_RE.search(masked, max(0, s - 6), s) and \
                masked[s:s + 12].split()[0] in _VERBISH:
            s = masked.rfind("that", max(0, s - 6), s)  # "said that was the only way"
        elif _BAD_CONTENT_START.match(masked, s) and cue in ("said", "says", "say", "added",
                                                            "adds", "told", "tells"):
            return None
        if _RX_REPORTED_CONTENT_1.match(masked[s:s + 8]):
            return None
        # a headline ("Biden notes bipartisan recognition of inauguration") is no statement
        pi = self.para_of(s)
        ps, pe = self.paras[pi]
        if e >= pe - 1 and self.text[pe - 1] not in ".!?”\"’)…:;" and \
                self.sents[self.sent_of(s)][0] <= ps:
            return None
        if _RX_REPORTED_CONTENT_2.match(
                    text[s:e], re.I):
            return None
        if _word_count(self.text, s, e) < 3:
            return None
        return s, e

    # -- 5. resolution --
    def resolve(self, events: list[_Event]) -> list[Statement]:
        events.sort(key=lambda ev: (ev.pos, 0 if ev.kind == "mention" else 1))
        history: list[tuple[int, int, _Entity]] = []  # (pos, para, entity)
        last_in_sent: dict[int, _Entity] = {}
        last_cue_end: dict[int, int] = {}
        no_inherit: set[int] = set()
        out: list[tuple[_Event, _Entity]] = []
        for ev in events:
            if ev.kind == "anon":
                history.append((ev.pos, self.para_of(ev.pos), _ANONYMOUS))
                continue
            if ev.kind == "mention":
                # a subject inside someone's reported words ("Peskov insisted Putin remains
                # open") is not a candidate for a later "he said"
                if self.sent_of(ev.pos) not in last_in_sent:
                    history.append((ev.pos, self.para_of(ev.pos), ev.entity))
                continue
            ent: _Entity | None
            if ev.inherit or ev.np is None:
                # "Peskov denied ... and said": the same speaker, unless another subject
                # comes between ("she said, DePape was living there and told her ...")
                ent = last_in_sent.get(ev.sent)
                prev_end = last_cue_end.get(ev.sent, -1)
                if ev.sent in no_inherit or (
                        prev_end >= 0 and _NEW_SUBJECT_RE.search(self.masked, prev_end, ev.pos)):
                    ent = None
                elif ent is None:
                    # "May shrugged off the criticism and said ...": the sentence's subject
                    ent = self.sentence_subject(ev, history)
            else:
                ent = self.resolve_np(ev.np, ev.pos, history)
                if ent is None and ev.np.kind == "role" and not ev.np.definite:
                    # "a Syrian officer told Reuters": a later "he said" means him, not
                    # anyone named before
                    history.append((ev.pos, self.para_of(ev.pos), _ANONYMOUS))
            if ent is None or ent is _ANONYMOUS:
                continue
            ent = ent.final()
            last_in_sent[ev.sent] = ent
            if ev.ce >= 0:
                # the previous statement's own content is not where a new subject would be
                last_cue_end[ev.sent] = max(ev.ce, ev.content[1] if ev.content else -1)
            if ev.paren:
                no_inherit.add(ev.sent)
            history.append((ev.pos, self.para_of(ev.pos), ent))
            out.append((ev, ent))
        cued = {ev.quote.open for ev in events if ev.quote is not None}
        spans = [ev.content for ev in events if ev.kind == "attr" and ev.content is not None]
        return self.build(out, cued, spans)

    def named_by_phrase(self, np: _NP) -> _Entity | None:
        """An institution named by its description: 'the Jamaican government', 'the Trump
        administration', "May's office" (the office of a person named in the article)."""
        full = self.text[np.start:np.end]
        if not _THE_RE.match(full) and not _OWNER_RE.match(full):
            return None
        phrase = _DET_RE.sub("", full).strip()
        words = phrase.split()
        if len(words) < 2 or len(words) > 6 or not words[0][0].isupper():
            return None
        m = _OWNER_RE.match(phrase)
        if m:
            owner = self.reg.lookup_surname(m.group(1), np.start)
            if owner is None:
                return None
            return self.reg.org(f"{owner.name}'s {m.group(2)}")
        if not any(w[0].isupper() for w in words[:-1]) or _is_media(phrase):
            return None
        if words[0].lower() in _LEAD_FUNC:
            return None
        return self.reg.org(phrase)

    def sentence_subject(self, ev: _Event, history) -> _Entity | None:
        """The subject at the start of the event's sentence, if it is a name or pronoun
        followed by a verb ("Tufton also put out a call ... and warned that ...")."""
        ss, _se = self.sents[ev.sent] if self.sents else (0, len(self.text))
        m = _SUBJECT_START_RE.match(self.masked, ss, ev.pos)
        if not m:
            return None
        np = self.parser.before(ss, m.end(1))
        if np is None or np.start != m.start(1) or np.kind == "role":
            return None
        return self.resolve_np(np, np.start, history)

    def resolve_np(self, np: _NP, pos: int, history) -> _Entity | None:
        if np.kind == "pron":
            return self.resolve_pronoun(np.pron or "", pos, history)
        if np.kind == "name":
            return self.entity_for_name(np, pos)
        # role phrase
        head = np.head or ""
        mods = {m for m in np.mods if m not in ("the", "a", "an", "of", "for")}
        if head in _DOC_NOUNS:
            return None
        if head in _ORG_NOUNS and head not in _ROLE_NOUNS:
            want = {head} | {m for m in mods if m not in ("’s", "'s")}
            best = None
            para = self.para_of(pos)
            for _p, _pa, ent in reversed(history):
                if para - _pa > 4:
                    break
                ent = ent.final()
                if ent.kind == "org":
                    words = set(_RX_RESOLVE_NP_1.findall(ent.name.lower()))
                    if want <= words or (head in words and not (mods - words)):
                        best = ent
                        break
            if best is None:
                found = [ent for ent in self.reg.orgs.values()
                         if want <= set(_RX_RESOLVE_NP_1.findall(ent.name.lower()))]
                if len(found) == 1:
                    best = found[0]
            if best is None and np.definite:
                best = self.named_by_phrase(np)
            return best
        # a person by role: "the Kremlin spokesman", "the minister"
        if not np.definite:
            # 'a Pentagon spokesperson': an unnamed person speaking for an institution
            if head in ("spokesman", "spokeswoman", "spokesperson") and np.org_pp:
                if _is_media(np.org_pp):
                    return None
                return self.reg.org(np.org_pp)
            return None
        want = {head} | mods
        syn = {"spokesman", "spokeswoman", "spokesperson"}
        strict = {"former", "vice", "deputy", "ex", "acting", "assistant", "associate", "first"}
        best = None
        cands = [e for _p, _pa, e in reversed(history)] + list(self.reg.people.values())
        seen: set[int] = set()
        for ent in cands:
            ent = ent.final()
            if id(ent) in seen or ent.kind != "person":
                continue
            seen.add(id(ent))
            rw = ent.role_words()
            if not rw:
                continue
            rw2 = rw | ({"spokesman", "spokeswoman", "spokesperson"} if rw & syn else set())
            if not want <= rw2:
                # 'the ministry's spokeswoman' -> ministry in role words
                continue
            if (strict & rw) - want or (strict & want) - rw:
                continue
            best = ent
            break
        if best is None and head in ("spokesman", "spokeswoman", "spokesperson") and np.org_pp \
                and not _is_media(np.org_pp):
            return self.reg.org(np.org_pp)
        return best

    def resolve_pronoun(self, pron: str, pos: int, history) -> _Entity | None:
        para = self.para_of(pos)
        want = _PRONOUNS.get(pron)
        for _p, pa, ent in reversed(history):
            if _p >= pos:
                continue
            if para - pa > 3:
                break
            if ent is _ANONYMOUS:
                return None
            ent = ent.final()
            if want in ("M", "F"):
                if ent.kind != "person":
                    continue
                if ent.gender and ent.gender != want:
                    continue
                if not ent.gender:
                    ent.gender = want
                return ent
            if want in ("N", "P"):
                if ent.kind == "org":
                    return ent
                if want == "P":
                    return None
                continue
        return None

    def build(self, resolved: list[tuple[_Event, _Entity]], cued: set[int],
              spans: list[tuple[int, int]]) -> list[Statement]:
        stmts: list[Statement] = []
        quote_owner: dict[int, tuple[_Entity, str]] = {}
        reported: list[tuple[int, int, _Entity]] = []
        for ev, ent in resolved:
            if ev.quote is not None:
                q = ev.quote
                if q.open in quote_owner:
                    continue  # first attribution wins (the nearest, in text order)
                quote_owner[q.open] = (ent, ev.cue)
            elif ev.content is not None:
                reported.append((ev.content[0], ev.content[1], ent))
                stmts.append(self.statement(ent, "reported", ev.cue, *ev.content))
        # quotes inside reported content are part of that statement
        # (also inside reported content whose speaker is unknown: then it is nobody's)
        for q in self.quotes:
            if q.open in quote_owner:
                continue
            for s, e in spans:
                if s <= q.open and (q.close if q.close >= 0 else q.end) < e:
                    q.absorbed = True
                    break
        # continuation: a full-sentence quote with no cue, after an attributed quote
        last: tuple[_Entity, str, int] | None = None  # (entity, cue, paragraph)
        for q in self.quotes:
            if q.open in quote_owner:
                ent, cue = quote_owner[q.open]
                last = (ent, cue, q.para_end)
                if not self.title_like(q):
                    stmts.append(self.statement(ent, "quote", cue, q.start, q.end))
                continue
            if q.absorbed or last is None or q.open in cued:
                continue
            if self.sents and self.sents[self.sent_of(q.open)][0] != q.open:
                continue  # only a quote that is a sentence of its own continues a speaker
            ent, cue, lp = last
            para_start = self.paras[q.para][0]
            if not self.sentential(q):
                continue
            if q.para == lp:
                # same paragraph, after the attributed quote, nothing else attributed between
                pass
            elif q.para == lp + 1 and q.open == para_start:
                pass
            else:
                last = None
                continue
            if self.other_speaker_between(lp, q):
                last = None
                continue
            quote_owner[q.open] = (ent, cue)
            stmts.append(self.statement(ent, "quote", cue, q.start, q.end))
            last = (ent, cue, q.para_end)
        out = [s for s in stmts if s.text.strip()]
        out.sort(key=lambda s: (s.start, s.end))
        # drop exact duplicates (the same span found twice)
        seen: set[tuple[int, int]] = set()
        uniq = []
        for s in out:
            if (s.start, s.end) in seen:
                continue
            seen.add((s.start, s.end))
            uniq.append(s)
        return uniq

    def other_speaker_between(self, lp: int, q: _Quote) -> bool:
        """Does the narration between the last attributed quote and q carry a speech cue?"""
        # narration in q's paragraph before q, outside quotes
        ps = self.paras[q.para][0]
        seg = self.masked[ps:q.open]
        return bool(_CUE_RE.search(seg)) and q.para != lp

    def title_like(self, q: _Quote) -> bool:
        """'“Fox News Sunday,” Rice said': a programme or book title, not words spoken."""
        body = self.text[q.start:q.end]
        words = _RX_WORD_COUNT_1.findall(body)
        if not 2 <= len(words) <= 8 or body[-1:] in ".!?…":
            return False
        big = [w for w in words if w.lower() not in _TITLE_SMALL]
        return bool(big) and all(w[0].isupper() or w[0].isdigit() for w in big)

    def sentential(self, q: _Quote) -> bool:
        body = self.text[q.start:q.end]
        words = _RX_WORD_COUNT_1.findall(body)
        if len(words) < 4:
            return False
        caps = sum(1 for w in words if w[0].isupper())
        if caps / len(words) > 0.6 and body[-1:] not in ".!?":
            return False  # a title
        return body[-1:] in ".!?…" or (q.close >= 0 and self.text[q.close - 1] in ",.!?") or \
            body[:1].isupper()

    def statement(self, ent: _Entity, kind: str, cue: str, s: int, e: int) -> Statement:
        ent = ent.final()
        return Statement(
            article_id=self.article_id,
            speaker=ent.name,
            role=ent.role if ent.kind == "person" else None,
            kind=kind,
            cue=cue,
            text=self.text[s:e],
            start=s,
            end=e,
        )

    def run(self) -> list[Statement]:
        mentions = self.scan_mentions()
        cues = self.cue_events()
        return self.resolve(mentions + cues)


def extract_statements(article_id: str, text: str) -> tuple[Statement, ...]:
    """Every attributed statement in `text`, in order of offset.

    Offsets are into `text` exactly as given: `s.text == text[s.start:s.end]`.
    """
    if not text or not text.strip():
        return ()
    stmts = _Extractor(article_id, text).run()
    # speaker names and roles are final only after the whole article is read
    return tuple(stmts)
