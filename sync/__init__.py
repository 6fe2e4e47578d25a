"""Sync between a device's local store and the central city API. No Qt."""
