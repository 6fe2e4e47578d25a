"""The reference central city API: one source of truth for many plazas' catalogs and queues."""
