"""Word lists the extractor matches against: cue verbs and nouns, titles, speaker heads.

Cue verbs are listed by base form; inflections are generated so that adding a verb is one
word. The lists are common English vocabulary of reporting, written here by hand.
"""
import re

# Verbs whose subject is the speaker and whose complement is what was said or held.
# Irregular forms are given explicitly as "base:past:participle".
SPEECH_VERBS = """
say:said:said tell:told:told write:wrote:written add ask note report announce suggest
tweet describe argue explain acknowledge accuse declare urge recall claim respond agree
propose state warn promise insist reply predict question vow admit deny confirm
reveal assert allege contend stress emphasize observe complain concede boast
joke quip testify indicate conclude estimate charge counter retort mention remark
speculate caution assure inform remind reiterate repeat recount hint imply signal
lament protest demand posit theorize concur affirm proclaim announce predict blame
criticize praise dismiss reject dispute characterize describe brag muse wonder tout
post email text comment continue answer explain acknowledge point:pointed:pointed
call
"""

# Verbs of belief and finding: PolNeAR annotates them, but they only count with a
# clause complement ("X believes that ..."), never with a bare object.
BELIEF_VERBS = """
think:thought:thought believe know:knew:known feel:felt:felt fear hope expect
find:found:found show:showed:shown worry doubt
"""

# Cue verbs that take a person object before the complement ("told reporters that").
OBJECT_VERBS = {"tell", "ask", "inform", "assure", "remind", "warn", "urge", "promise"}

# Participle cues that continue the previous speaker ("..., adding that ...").
CONTINUATION_PARTICIPLES = {"adding", "saying", "noting", "arguing", "explaining",
                            "insisting", "warning", "suggesting", "claiming", "calling",
                            "stressing", "telling", "asking", "recalling", "predicting"}


_DOUBLING = {"admit", "quip", "regret", "commit", "brag", "concur", "refer"}


def _inflect(spec):
    """Map every inflected form of each verb in ``spec`` to its base form."""
    forms = {}
    for item in spec.split():
        parts = item.split(":")
        base = parts[0]
        if len(parts) == 3:
            past, participle = parts[1], parts[2]
        elif base.endswith("e"):
            past = participle = base + "d"
        elif base.endswith("y") and base[-2] not in "aeiou":
            past = participle = base[:-1] + "ied"
        elif base in _DOUBLING:
            past = participle = base + base[-1] + "ed"
        else:
            past = participle = base + "ed"
        if base.endswith("y") and base[-2] not in "aeiou":
            third = base[:-1] + "ies"
        elif base.endswith(("s", "sh", "ch", "x", "z")):
            third = base + "es"
        else:
            third = base + "s"
        if base.endswith("ie"):
            gerund = base[:-2] + "ying"
        elif base.endswith("e") and not base.endswith("ee"):
            gerund = base[:-1] + "ing"
        elif base in _DOUBLING:
            gerund = base + base[-1] + "ing"
        else:
            gerund = base + "ing"
        for form in (base, past, participle, third, gerund):
            forms.setdefault(form, base)
    return forms


SPEECH_FORMS = _inflect(SPEECH_VERBS)
BELIEF_FORMS = _inflect(BELIEF_VERBS)
# "point" is only a cue as "point out"; kept out of the bare-verb list.
for _form in ("point", "pointed", "points", "pointing"):
    SPEECH_FORMS.pop(_form, None)
# Verbs of stance and intention ("endorsed Ann", "vowed to fight"): PolNeAR counts
# them too. Their content is the object or infinitive, which ends at the first clause
# break rather than at the end of the sentence.
STANCE_VERBS = """
endorse support oppose defend criticize praise attack reject condemn welcome
vow want plan intend seek:sought:sought refuse decline threaten propose offer
urge demand cite echo mock blame dismiss applaud slam blast thank
denounce decry assail rebuke fault hail commend laud prefer express voice
dub brand discuss
vote pledge decide share plan compare consider learn talk push understand accept
order rail ignore block notice refer deem congratulate reference plead bemoan distance
highlight request recognize suspect retweet determine apologize react attribute credit
encourage balk spar realize authorize remember embrace tout laud
"""
STANCE_FORMS = _inflect(STANCE_VERBS)
CUE_FORMS = {**STANCE_FORMS, **BELIEF_FORMS, **SPEECH_FORMS}

# Multi-word cues matched as phrases.
PHRASE_CUES = ("pointed out", "points out", "pointing out", "point out", "went on",
               "according to", "made clear", "made the case")

# Nouns that introduce content as "X's claim that ..." / "claims by X that ...".
CUE_NOUNS = """
claim claims allegation allegations assertion assertions accusation accusations charge
charges argument arguments contention insistence suggestion suggestions warning warnings
statement promise pledge belief view assurance assurances denial admission prediction
predictions complaint complaints message insinuation
""".split()

# Auxiliaries and adverbs that may sit between a speaker and the cue ("has long said").
BETWEEN_WORDS = set("""
has have had also later previously repeatedly once often has long then again will would
could may might did does do is was are were be been being not never already earlier first
recently privately publicly frequently quickly flatly openly explicitly still even just
reportedly apparently further since yet subsequently allegedly initially ultimately
now too himself herself themselves itself also even quite can cannot can't can’t don't
don’t doesn't doesn’t didn't didn’t won't won’t wouldn't wouldn’t
couldn't couldn’t hasn't hasn’t haven't haven’t hadn't hadn’t isn't
isn’t wasn't wasn’t should must 's ’s 're ’re 've ’ve 'd ’d
'll ’ll
""".split())

# Words that end the speaker noun phrase when scanning left from a cue.
CLAUSE_WORDS = set("""
that and but as when while because if though although since so where whereas after before
than until unless or nor whether for with what how why said says
""".split())

PRONOUNS = {"he": "m", "she": "f", "they": "p", "i": "s", "we": "p", "it": "n",
            "you": "p", "who": "?", "which": "n", "him": "m", "her": "f", "his": "m"}

TITLES = set("""
Mr. Mrs. Ms. Dr. Sen. Rep. Gov. Gen. Lt. Col. Sgt. Capt. Adm. Prof. Rev. Pres. Supt.
President Senator Representative Governor Mayor Secretary Judge Justice Chairman Chairwoman
Speaker Minister Ambassador General Attorney Prime Pope King Queen Prince Sheikh Professor
MP MEP MSP Councillor Councilman Councilwoman Commissioner Chancellor Detective Officer
""".split())
FEMALE_TITLES = {"Mrs.", "Ms.", "Queen", "Chairwoman"}
MALE_TITLES = {"Mr.", "King", "Prince", "Sheikh"}

DOCUMENT_HEADS = set("""
report reports study studies statement statements memo memos letter letters poll polls
survey surveys document documents filing filings lawsuit complaint indictment ad ads
email emails tweet tweets post posts article articles book transcript website release
bill order ruling analysis data records record papers paper editorial column review
audit investigation video footage note notes message messages account website blog
proposal plan law constitution budget estimate estimates figures numbers research
""".split())

ORG_WORDS = set("""
Inc. Inc Corp. Corp Co. Ltd. LLC Party Committee Department Ministry Agency Office Court
Council Commission University Institute Foundation Campaign Association Bank Times Post
News Network Journal Government Administration Senate House Congress Pentagon Bureau
Service Center Centre Group Fund Organization Organisation Union Board Authority Police
Army Navy Force Forces Coalition Alliance Club Caucus Company Corporation Reuters
Tribune Herald Guardian Gazette Magazine Press Channel Media Parliament Assembly Cabinet
Taliban Kremlin PAC Hospital Church Federation League Society Trust Council Secretariat
""".split())
ORG_NOUNS = set("""
campaign company government administration ministry agency department committee
party court police commission firm group organization organisation team office
network newspaper paper magazine council senate house board union coalition
embassy military army regime parliament state city county district bank
publication outlet website network station authority operator regulator watchdog
association institute foundation university hospital school airline corporation
bureau
""".split())

ANONYMOUS_HEADS = set("""
official spokesman spokeswoman spokesperson source aide adviser advisor person man
woman lawyer attorney diplomat officer analyst expert observer insider staffer
strategist operative member resident witness doctor executive lawmaker senator
representative candidate voter supporter critic economist historian scholar
researcher professor director manager leader activist organizer consultant pollster
reporter journalist commentator employee worker friend relative neighbor mother father
mayor minister president governor chairman chairwoman chair secretary judge justice
speaker ambassador chief commander councilman councilwoman congressman congresswoman
delegate nominee host moderator author writer editor columnist founder owner ceo
prosecutor sheriff attorney-general administrator governor-elect president-elect
pope king queen prince candidate challenger incumbent rival opponent ally
councillor commissioner chancellor detective teacher student parent farmer islander
villager protester demonstrator commuter passenger shopper patient nurse engineer
scientist physician surgeon pilot driver trader investor banker broker landlord tenant
victim survivor veteran soldier citizen taxpayer homeowner businessman businesswoman
""".split())

GROUP_WORDS = set("""
Republicans Democrats Americans Conservatives Liberals Progressives Independents
""".split())

# Abbreviations whose period does not end a sentence.
ABBREVIATIONS = set("""
mr mrs ms dr sen rep gov gen lt col sgt capt adm prof rev st jr sr inc co corp ltd vs
no jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n a.m p.m d.c e.g i.e
etc ft mt pres supt
""".split())

WORD_RE = re.compile(r"[A-Za-z\u00C0-\u024F][\w\u00C0-\u024F.'\u2019-]*|\d[\d,.]*")


def trie_pattern(words):
    """A regex alternation of ``words`` factored by common prefixes.

    Python's ``re`` tries alternatives one by one; a flat list of 400 cue forms made the
    cue scan the slowest step of extraction. Factoring makes each position cost a
    handful of character tests.
    """
    trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node):
        if list(node) == [""]:
            return ""
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        body = alts[0] if len(alts) == 1 and not optional else "(?:" + "|".join(alts) + ")"
        if len(alts) == 1 and optional:
            body = "(?:" + alts[0] + ")"
        return body + ("?" if optional else "")

    return build(trie)

DETERMINERS = set("the a an this that these those his her their its our my your one some "
                  "any each every".split())
# Nouns ending in -ly that are not adverbs ("a lawyer for the family said").
LY_NOUNS = set("family ally rally assembly supply reply monopoly anomaly bully tally "
               "homily italy july".split())
# Heads of a mention that stand for people as a collective ("police said").
COLLECTIVE_HEADS = set("people police staff public many some others both all most few "
                       "several".split())
# Words that head a quantity of people ("Two-thirds of voters in the state support"),
# and the words that may open such a phrase ("A growing number", "Nearly 10 percent").
QUANTITIES = set("""percent majority minority half third thirds quarter quarters most many
some all none few several number share plurality""".split())
DEGREE_WORDS = set("""just only about almost nearly roughly some least at over under more
less large small slim narrow strong growing disproportionate overwhelming vast""".split())
NUMBER_WORDS = set("""one two three four five six seven eight nine ten eleven twelve twenty
thirty forty fifty sixty seventy eighty ninety hundred""".split())
