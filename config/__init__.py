"""Settings every layer may read: the bottom of the dependency graph (it imports nothing of ours)."""
