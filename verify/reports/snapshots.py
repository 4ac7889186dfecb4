"""Archive and link-health fields of each evidence item's source, read in one query per
chunk of evidence. Until a source has been fetched these fields are null and
``fetch_status`` says why ("pending", "failed")."""

# What a source shows before any snapshot exists.
NOT_FETCHED = {
    "archive_url": None,
    "fetched_at": None,
    "content_sha256": None,
    "link_checked_at": None,
    "changed_since_cited": None,
}


def for_evidence(evidence):
    """``{evidence id: archive fields}`` for the given evidence rows (dicts from the
    builder). No snapshot store exists yet, so nothing is known beyond NOT_FETCHED."""
    return {}
