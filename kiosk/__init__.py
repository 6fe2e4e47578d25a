"""Plaza Kiosk core: configuration, domain rules, local store and use cases. No Qt, no HTTP."""
