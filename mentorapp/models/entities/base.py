"""Declarative base for every entity: a naming convention for constraints and timestamps."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module

from sqlalchemy import DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from mentorapp.models.clock import SYSTEM_CLOCK

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Current UTC time without tzinfo, at second precision (stable in exports)."""
    return SYSTEM_CLOCK.utcnow()


class Base(DeclarativeBase):
    """Base class of all MentorApp entities."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def new_uuid() -> str:
    """A fresh record identity, unique across machines (a random UUID, as text)."""
    return str(uuid_module.uuid4())


class TimestampMixin:
    """When a row was created and last changed (UTC), when it went to the trash, and its UUID.

    The integer id names a row inside one journal; the UUID names the same record on every
    machine that syncs the journal (schema revision 0005).
    """

    uuid: Mapped[str | None] = mapped_column(String(36), default=new_uuid, index=True, unique=True)

    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
