"""The relations between the maps of an account (`relations:` in a map), checked: each must name a map of
the same account. The checker's share of the committee (committee.py draws it), kept apart from it so that
`check` does not import the diagram's and the coverage's code."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .messages import phrase
from .model import EmpathyMap, Relation, Report, quoted
from .vocabulary import nearest


def check_relations(
    maps: Iterable[EmpathyMap],
    find: Callable[[str], EmpathyMap | None],
    known: Callable[[], Iterable[str]],
    maps_dir: str,
) -> None:
    """Add an error to each map for each relation to a map that does not exist or is of another account.

    `find` gives the map at a path below the maps folder (or None), `known` every such path (for
    "did you mean" hints; only asked when a relation names no map).
    """
    for m in maps:
        if not m.profile.relations:
            continue
        report = Report(m.path, m.problems)
        before = len(m.problems)
        account = m.profile.account.casefold()
        if not account:
            report.error(m.profile.relations[0].line, "relation.no_account")
        for relation in m.profile.relations:
            _check_relation(m, relation, account, find, known, maps_dir, report)
        if len(m.problems) > before:
            m.problems.sort(key=lambda problem: problem.line)


def _check_relation(
    m: EmpathyMap,
    relation: Relation,
    account: str,
    find: Callable[[str], EmpathyMap | None],
    known: Callable[[], Iterable[str]],
    maps_dir: str,
    report: Report,
) -> None:
    target = relation.map
    if target == m.url_path:
        report.error(relation.line, "relation.self", map=quoted(relation.map))
        return
    other = find(target) if target else None
    if other is None:
        hint = nearest(target, known())
        suggestion = phrase("hint.did_you_mean_after", hint=hint) if hint else phrase("hint.none")
        report.error(
            relation.line,
            "relation.unknown",
            map=quoted(relation.map),
            file=f"{quoted(maps_dir)}/{quoted(target)}.md",
            suggestion=suggestion,
        )
        return
    if account and other.profile.account.casefold() != account:
        theirs = (
            phrase("phrase.the_account", account=quoted(other.profile.account))
            if other.profile.account
            else phrase("phrase.no_account")
        )
        report.error(
            relation.line,
            "relation.other_account",
            map=quoted(relation.map),
            theirs=theirs,
            account=quoted(m.profile.account),
        )
