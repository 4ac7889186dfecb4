"""bench.ingest --corpus: the texts of a JSON Lines file, cycled under a numbered lead when
there are fewer lines than articles (each then a new document of exact copies)."""
import json

from bench.ingest import main

ARTICLES = [
    "The mayor said the harbour bridge would cost 40 million euros. \"We will not raise "
    "fares,\" the transport minister told reporters on Monday.",
    "Unemployment fell by half in two years, the finance minister said.\x0c "
    "\"Wages rose faster than rents,\" she added.",
]


def test_corpus_articles_are_ingested_and_cycled(tmp_path, capsys):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"text": text}) + "\n" for text in ARTICLES) + "\n",
                      encoding="utf-8")
    main(["--articles", "5", "--corpus", str(corpus),
          "--database-url", "sqlite:///%s" % (tmp_path / "ingest.db")])
    out = capsys.readouterr().out
    # Two claims an article, five new documents: the second pass is under numbered leads
    # (the form feed, which the API refuses, was replaced by a space).
    assert out.startswith("ingested 5 corpus articles (1 KB, 10 claims) in "), out
