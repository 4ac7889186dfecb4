"""Storage: the one database proxy and its field types (``db``), the numbered schema
migrations (``migrate``, ``migrations/``), prepared SQL for the hot paths
(``prepared``) and keyset pagination (``pages``)."""
