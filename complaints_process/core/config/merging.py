"""``extends``: a procedure merged over its template's, marks following the values.

Mappings merge key by key (stages, clocks and events by key, the base's order first, new keys
appended); lists and single values replace; ``key: null`` in the child removes the inherited
entry (a stage, a clock, an event, or an optional setting, which then takes its default).
"""

from __future__ import annotations

from .yamlio import Node


def merge(base: Node, child: Node) -> Node:
    """Deep-merge child over base (see the module docstring); marks follow the values."""
    if not (base.is_mapping and child.is_mapping):
        return child
    merged: dict[str, Node] = {}
    for key, base_value in base.value.items():
        if key not in child.value:
            merged[key] = base_value
        elif child.value[key].value is not None:
            merged[key] = merge(base_value, child.value[key])
        # else: `key: null` removes the inherited entry
    for key, child_value in child.value.items():
        if key not in base.value:
            merged[key] = child_value
    return Node(merged, child.mark, child.key_mark)


def with_law_receipt(procedure: Node) -> Node:
    """A template's resolved procedure whose floors (``law: {bound: floor}``) also state when the
    law's window starts: the template clock's own ``from_receipt`` and the template's ``receipt``
    rules, copied into the ``law`` so that an authority that changes its own (a post received
    "same day", a window "from_receipt: false") cannot move the law's floor with them
    (``core.clocks.clock_start``; ``lawcheck`` lists the change).  Copies; the nodes read stay as
    they were."""
    receipt = procedure.get("receipt")

    def stamped(clocks: Node | None) -> Node | None:
        if clocks is None or not clocks.is_mapping:
            return clocks
        found = {}
        for name, clock in clocks.value.items():
            law = clock.get("law") if clock.is_mapping else None
            bound = law.get("bound") if law is not None and law.is_mapping else None
            if bound is not None and bound.value == "floor":
                from_receipt = clock.get("from_receipt")
                entries = dict(law.value)
                entries["from_receipt"] = Node(from_receipt is not None and from_receipt.value is True, (from_receipt or law).mark)
                if receipt is not None and receipt.is_mapping:
                    entries["receipt"] = receipt
                clock = Node({**clock.value, "law": Node(entries, law.mark, law.key_mark)}, clock.mark, clock.key_mark)
            found[name] = clock
        return Node(found, clocks.mark, clocks.key_mark)

    entries = dict(procedure.value)
    if "clocks" in entries:
        entries["clocks"] = stamped(entries["clocks"])
    stages = entries.get("stages")
    if stages is not None and stages.is_mapping:
        entries["stages"] = Node(
            {
                key: Node({**stage.value, "clocks": stamped(stage.value["clocks"])}, stage.mark, stage.key_mark)
                if stage.is_mapping and "clocks" in stage.value
                else stage
                for key, stage in stages.value.items()
            },
            stages.mark,
            stages.key_mark,
        )
    return Node(entries, procedure.mark, procedure.key_mark)
