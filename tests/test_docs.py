"""The docs stay true: every setting is documented (datasette's habit)."""
import pathlib

import pytest

from api.config import SETTINGS

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_setting_is_documented(name):
    assert "`%s`" % name in (ROOT / "docs" / "CONFIGURATION.md").read_text()
    assert "`%s`" % name in (ROOT / "README.md").read_text()


def test_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
