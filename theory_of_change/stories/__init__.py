"""Stories with consent: what participants, carers and neighbours tell about an initiative,
and a register of where each story (and its photo) may appear.

The people in these stories are often vulnerable and easily recognised in a village, so
every place that shows a story asks `scopes` whether it may: the story's scope is bounded by
a consent record, and withdrawing consent takes it back to "alleen intern" at once.
"""
