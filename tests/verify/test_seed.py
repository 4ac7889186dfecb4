"""The seed article's hand-curated statements load as claims with their speakers."""
from verify.claims import list_claims
from verify.intake.seed import load_seeds, load_sidecar, seed_files


def test_sidecar_offsets_point_at_the_quotes():
    for path in seed_files():
        sidecar, text = load_sidecar(path)
        for item in sidecar["statements"]:
            assert text[item["quote_start"]:item["quote_end"]] == item["quote"]
            speaker = item["speaker"]
            assert text[speaker["mention_start"]:speaker["mention_end"]] == speaker["mention"]
            assert text[item["cue_start"]:item["cue_end"]] == item["cue"]


def test_backtracking_quote_is_attributed_to_the_anonymous_official(app):
    with app.app_context():
        assert load_seeds() == 6
        claims, _ = list_claims(limit=100)
    quote = next(c for c in claims if "backtracked" in (c.quote or ""))
    assert quote.state == "unreviewed"
    assert quote.speaker.kind == "anonymous_person"
    assert quote.speaker.description == "a senior Pakistani official involved in the negotiations"
    assert quote.cue == "revealed"
    follow_on = next(c for c in claims if (c.quote or "").startswith("We came to the table"))
    assert follow_on.speaker.id == quote.speaker.id
    groups = {c.speaker.description for c in claims if c.speaker.kind == "group"}
    assert groups == {"Pakistani officials", "Pakistani representatives",
                      "Pakistani security officials", "Regional analysts"}
