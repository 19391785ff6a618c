"""Small third-party plugins, good and broken, for the plugin-engine tests."""
