"""Favourites: one item per (person, position), counted on the person's item in the same transaction."""

from __future__ import annotations

from chalicelib.adapters.dynamo import Transaction, connection, found, own, transact
from chalicelib.adapters.models import Favourite, Person, Position
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.limits import MAX_FAVOURITES
from chalicelib.domain.records import FavouriteRecord
from chalicelib.ports.conditions import FAVOURITE, PERSON, POSITION


def new(subject: str, position_id: str, added_at: str) -> Favourite:
    return Favourite(subject, position_id, added_at=added_at)


def mine(subject: str) -> list[Favourite]:
    connection()
    return list(Favourite.query(subject))


def get(subject: str, position_id: str) -> Favourite | None:
    if not is_resource_id(position_id):
        return None
    return found(Favourite, subject, position_id)


def add(record: FavouriteRecord, locality: str) -> None:
    """Add a favourite and count it, all or nothing.

    The person's condition carries every rule that could change under us: still an approved trainee, still
    the same locality, fewer than three already. Twenty parallel requests cannot make a fourth.
    """
    connection()
    favourite = own(record, Favourite)

    def build(tx: Transaction) -> None:
        tx.save(FAVOURITE, favourite, condition=Favourite.position_id.does_not_exist())
        tx.update(
            PERSON,
            Person(favourite.subject),
            actions=[Person.favourite_count.add(1)],
            condition=(Person.live_status == "approved")
            & (Person.locality == locality)
            & ((Person.favourite_count < MAX_FAVOURITES) | Person.favourite_count.does_not_exist()),
        )
        tx.check(POSITION, Position, favourite.position_id, condition=Position.status == "open")

    transact(build)


def remove(subject: str, position_id: str) -> None:
    connection()

    def build(tx: Transaction) -> None:
        tx.delete(FAVOURITE, Favourite(subject, position_id), condition=Favourite.position_id.exists())
        tx.update(PERSON, Person(subject), actions=[Person.favourite_count.add(-1)])

    transact(build)


def subjects_of(position_id: str) -> list[str]:
    """Everyone who favourited the position, from the keys-only index (one Query, paged by PynamoDB)."""
    connection()
    return [f.subject for f in Favourite.by_position.query(position_id)]
