"""Taking clients out again: vCard (3.0, or 4.0 on request), CSV with Google's header, or
Rapport's JSON; for one client, a choice of clients, or all. Each export is (head, the
records one at a time, tail) for exporting.write_files, so memory stays flat."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from models import clients, json_io
from models.entities import Client
from models.errors import RapportError
from models.search import fold

Parts = tuple[bytes, Iterator[bytes], bytes]
Progress = Callable[[int, int], None] | None


class UnknownClientError(RapportError):
    """No client, or more than one, answers to `wanted`; `ids` are those that do."""

    def __init__(self, wanted: str, ids: list[int]) -> None:
        super().__init__(wanted, ids)
        self.wanted = wanted
        self.ids = ids


def vcards(client_ids: Sequence[int] | None, version: str, progress: Progress = None) -> Parts:
    from models.interop.vcard_write import write_vcards

    cards = _counted(clients.load_cards(client_ids), _total(client_ids), progress)
    return b"", write_vcards(cards, version=version), b""


def google_csv(client_ids: Sequence[int] | None, progress: Progress = None) -> Parts:
    from models.interop.contacts_csv_write import write_google_csv

    cards = _counted(clients.load_cards(client_ids), _total(client_ids), progress)
    return b"", write_google_csv(cards), b""


def rapport_json(client_ids: Sequence[int] | None) -> Parts:
    return b"", json_io.export(client_ids), b""


def _total(client_ids: Sequence[int] | None) -> int:
    if client_ids is not None:
        return len(client_ids)
    return Client.select().where(Client.deleted_at.is_null()).count()


def _counted(cards: Iterator, total: int, progress: Progress) -> Iterator:
    for done, card in enumerate(cards, 1):
        yield card
        if progress is not None:
            progress(done, total)


def find_clients(names_or_ids: Sequence[str]) -> list[int]:
    """Client ids for "42" (an id, as `upcoming --json` prints) or a name (accents and
    case aside); a name two clients share is refused with their ids, to choose one."""
    found = []
    rows = Client.select(Client.id, Client.name).where(Client.deleted_at.is_null()).tuples()
    by_name: dict[str, list[int]] = {}
    ids = set()
    for client_id, name in rows:
        by_name.setdefault(fold(" ".join(name.split())), []).append(client_id)
        ids.add(client_id)
    for wanted in names_or_ids:
        if re.fullmatch(r"\d+", wanted.strip()):
            if int(wanted) not in ids:
                raise UnknownClientError(wanted, [])
            found.append(int(wanted))
            continue
        matches = by_name.get(fold(" ".join(wanted.split())), [])
        if len(matches) != 1:
            raise UnknownClientError(wanted, matches)
        found.append(matches[0])
    return found
