"""The review workflow and its record: transitions, evidence, verdicts, and the
hash-chained history they write."""
