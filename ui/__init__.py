"""Everything PySide6: the app shell per mode, screens, widgets, theme and translations."""
