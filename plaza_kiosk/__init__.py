"""The `plaza-kiosk` command: the composition root, the one place that may reach every part."""
