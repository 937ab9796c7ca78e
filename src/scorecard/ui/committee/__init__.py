"""The committee view: one candidate's scorecards side by side, the matrix, who is still missing."""
