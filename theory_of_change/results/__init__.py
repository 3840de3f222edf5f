"""Results through the year: what an initiative counted, asked and noted while carrying out
its Verandertheorie (steps 8 to 10 are the plan for this collection).

Results are their own records, keyed to the plan's outputs and outcomes; recording them
never edits the plan nor changes its status. `periods` names the weeks, months and quarters
counted; `models` holds the records; `rules` says how an indicator adds up; `selectors`
reads results in a fixed number of queries; `services` writes them.
"""
