"""The walk check: a procedure that would strand a case, or leave a clock that cannot start or
be met, is refused with the path that gets stuck (``shape.walk_problems``), at the key it is
about."""

from __future__ import annotations

from . import schema
from .build import build_procedure
from .errors import ConfigError
from .shape import walk_problems
from .translate import at
from .yamlio import Node


def walk_errors(procedure: schema.ProcedureModel, node: Node) -> list[ConfigError]:
    """Every way ``procedure`` (validated; ``node`` its merged YAML) would strand a case."""
    errors = []
    for problem in walk_problems(build_procedure(procedure)):
        found = at(node, *problem.where)
        errors.append((found.mark if problem.where[-1] in ("from", "met_by") else found.where()).error(problem.message))
    return errors
