"""Plan parsing: document bytes -> text -> a `ParsedPlan` (header, assignments, deadlines).

Knows nothing of the database or chat platforms, so it can be scored alone against gold labels.
"""

from parsing.model import ParsedAssignment, ParsedDeadline, ParsedPlan, PlanHeader

__all__ = ["ParsedAssignment", "ParsedDeadline", "ParsedPlan", "PlanHeader"]
