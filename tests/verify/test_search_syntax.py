"""The search syntax: parsed into terms, compiled to FTS5 MATCH and to_tsquery text."""
import pytest

from verify.errors import ValidationFailed
from verify.newsroom.search import Term, any_of, fts5, parse, tsquery


def test_words_phrases_prefixes_and_exclusions():
    terms = parse('Unemployment "fell by HALF" tax* -opposition -"rose sharply" covid-19')
    assert terms == [
        Term(("unemployment",)),
        Term(("fell", "by", "half")),
        Term(("tax",), prefix=True),
        Term(("opposition",), negated=True),
        Term(("rose", "sharply"), negated=True),
        Term(("covid", "19")),
    ]
    assert fts5(terms) == ('("unemployment" AND "fell by half" AND "tax" * AND "covid 19")'
                           ' NOT "opposition" NOT "rose sharply"')
    assert tsquery(terms) == ("(('unemployment') & ('fell' <-> 'by' <-> 'half') & ('tax':*)"
                              " & ('covid' <-> '19')) & !('opposition') & !('rose' <-> 'sharply')")


@pytest.mark.parametrize("text, expected", [
    ('text:foo', [Term(("text", "foo"))]),
    ('NEAR(a b) OR c', [Term(("near", "a")), Term(("b",)), Term(("or",)), Term(("c",))]),
    ("it's", [Term(("it", "s"))]),
    ('"unterminated phrase', [Term(("unterminated", "phrase"))]),
    ("a* be* bee*", [Term(("a",)), Term(("be",)), Term(("bee",), prefix=True)]),
    ("x -- - ** '' ^y", [Term(("x",)), Term(("y",))]),
    ("Ünïcode café", [Term(("ünïcode",)), Term(("café",))]),
])
def test_operators_are_punctuation(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize("text, reason", [
    ("", "Give at least one word to search for."),
    ('"" - * ( )', "Give at least one word to search for."),
    ("-tax -rates", "Exclusions alone match nothing: add a word to find."),
    (" ".join("w%d" % n for n in range(17)), "At most 16 terms."),
])
def test_refused_queries(text, reason):
    with pytest.raises(ValidationFailed) as caught:
        parse(text)
    assert caught.value.errors == {"q": reason}


def test_any_of_for_matching():
    terms = any_of(["bridge", "cost"])
    assert fts5(terms) == '("bridge" OR "cost")'
    assert tsquery(terms) == "(('bridge') | ('cost'))"
