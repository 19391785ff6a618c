"""A plugin whose import fails."""

raise ImportError("missing dependency of the plugin")
