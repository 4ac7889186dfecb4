"""Speakers are shared between claims: the same (kind, name, description, affiliation) is
one row, so "a senior Pakistani official" quoted twice in one article is one speaker."""
from peewee import IntegrityError

from ..models import Speaker
from ..store.db import database


def find_or_create_speaker(*, kind, name="", description="", affiliation=""):
    key = dict(kind=kind, name=name or "", description=description or "",
               affiliation=affiliation or "")
    speaker = Speaker.get_or_none(**key)
    if speaker is not None:
        return speaker
    try:
        with database.atomic():
            return Speaker.create(**key)
    except IntegrityError:
        # Another request created the same speaker between our read and our insert.
        return Speaker.get(**key)

