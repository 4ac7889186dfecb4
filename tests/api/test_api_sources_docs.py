"""docs/SOURCES.md keeps up with the code: every sourcing setting and every sources
endpoint is documented there."""
import pathlib
import re

from api.config import SETTINGS

DOC = (pathlib.Path(__file__).parents[2] / "docs" / "SOURCES.md").read_text()
SOURCING = ("FETCH_", "IA_", "OWNER_MAP", "LINK_CHECK", "QUEUE_URL")


def test_every_sourcing_setting_is_documented():
    names = [name for name in SETTINGS if any(part in name for part in SOURCING)]
    assert len(names) >= 10
    assert [name for name in names if "`%s`" % name not in DOC] == []


def test_every_sources_endpoint_is_documented(app):
    routes = {(method, re.sub(r"<int:(\w+)>", "{id}", rule.rule))
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/sources")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert len(routes) == 6
    assert sorted(r for r in routes if "`%s %s`" % r not in DOC) == []
