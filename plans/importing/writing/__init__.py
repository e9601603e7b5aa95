"""The parts of an import's write, one per kind of record: partnerships and their members,
agencies, the plan with its priorities and success criteria, actions with their links and
progress, figures and targets. Each saves through one Recorder, which keeps every row it
created in order for the import batch (undo deletes them newest first).

plans.importing.writer runs them in order inside one transaction.
"""
