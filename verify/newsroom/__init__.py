"""What newsroom tools read: claim status (``status``), full-text search (``search``) and
claim matching (``matching``). Webhooks, which they also use, live in ``verify.webhooks``."""
