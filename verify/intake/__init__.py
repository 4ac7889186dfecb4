"""Getting statements in: documents, their extracted claims and speakers, and the seed."""
