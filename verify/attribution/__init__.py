"""Attributed-statement extraction: who said what, where, in a news text.

Rules plus small learned models (a statement scorer, a content-end ranker and a
sequence tagger for what the rules miss), deterministic, standard library only.
``extract(text)`` returns the statements (direct, indirect and mixed quotes) with their
speaker mentions and cues.
"""
from .extract import extract
from .model import Mention, Statement

__all__ = ["extract", "Mention", "Statement"]
