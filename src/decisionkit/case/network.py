"""Task networks: topological order and dependency cycles.

Pure functions over ``{task id: [predecessor ids]}`` mappings, used by validation (to name the
tasks of a cycle) and by the risk engine (to order the forward pass once).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["find_cycles", "topological_order"]


def topological_order(predecessors: Mapping[str, Sequence[str]]) -> list[str]:
    """Order tasks so that each comes after all its predecessors.

    Ties keep the input order (Kahn's algorithm with a stable queue), so the order is
    deterministic.

    Raises
    ------
    ValueError
        If the network has a cycle; the message names its tasks.

    Examples
    --------
    >>> topological_order({"b": ["a"], "a": [], "c": ["a", "b"]})
    ['a', 'b', 'c']
    """
    index = {name: i for i, name in enumerate(predecessors)}
    remaining = {name: len(set(preds)) for name, preds in predecessors.items()}
    successors: dict[str, list[str]] = {name: [] for name in predecessors}
    for name, preds in predecessors.items():
        for p in set(preds):
            if p not in successors:
                raise ValueError(f"task {name!r} comes after unknown task {p!r}")
            successors[p].append(name)
    ready = sorted((n for n, k in remaining.items() if k == 0), key=index.__getitem__)
    order: list[str] = []
    while ready:
        name = ready.pop(0)
        order.append(name)
        freed = []
        for s in successors[name]:
            remaining[s] -= 1
            if remaining[s] == 0:
                freed.append(s)
        ready = sorted([*ready, *freed], key=index.__getitem__)
    if len(order) != len(predecessors):
        cycle = find_cycles(predecessors)[0]
        raise ValueError("dependency cycle: " + " -> ".join(cycle))
    return order


def find_cycles(predecessors: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Return one cycle per strongly connected group of tasks that loops.

    Each cycle is a path in execution order that returns to its start, e.g.
    ``["a", "b", "a"]`` (b comes after a, and a after b), starting from the first task of the
    cycle in input order. Unknown predecessor names are ignored.

    Examples
    --------
    >>> find_cycles({"a": ["c"], "b": ["a"], "c": ["b"], "d": []})
    [['a', 'b', 'c', 'a']]
    """
    names = list(predecessors)
    known = set(names)
    graph = {n: [p for p in dict.fromkeys(predecessors[n]) if p in known] for n in names}
    # Tarjan's strongly connected components, iterative.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for root in names:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            recurse = False
            for j in range(i, len(graph[node])):
                nxt = graph[node][j]
                if nxt not in index:
                    work.append((node, j + 1))
                    work.append((nxt, 0))
                    recurse = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if recurse:
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    group.append(w)
                    if w == node:
                        break
                groups.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    cycles = []
    order = {n: k for k, n in enumerate(names)}
    for group in groups:
        members = set(group)
        start = min(group, key=order.__getitem__)
        if len(group) == 1 and start not in graph[start]:
            continue
        cycles.append(list(reversed(_path_back(graph, members, start))))
    cycles.sort(key=lambda c: order[c[0]])
    return cycles


def _path_back(graph: Mapping[str, list[str]], members: set[str], start: str) -> list[str]:
    """Shortest path start -> ... -> start inside one strongly connected group (BFS)."""
    parent: dict[str, str] = {}
    frontier = [start]
    seen = {start}
    while frontier:
        nxt_frontier = []
        for node in frontier:
            for nxt in graph[node]:
                if nxt not in members:
                    continue
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return [start, *reversed(path[:-1]), start] if node != start else [start, start]
                if nxt not in seen:
                    seen.add(nxt)
                    parent[nxt] = node
                    nxt_frontier.append(nxt)
        frontier = nxt_frontier
    return [start, start]  # unreachable for a real cycle
