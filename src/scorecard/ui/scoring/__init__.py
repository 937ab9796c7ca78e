"""Scoring one round: the item in front of the interviewer, the rail of all items, submit and addenda."""
