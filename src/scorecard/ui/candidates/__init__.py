"""The first screen: the searchable candidate list, its rounds, and adding a candidate."""
