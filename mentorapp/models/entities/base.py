"""Declarative base for every entity: a naming convention for constraints and timestamps."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, MetaData
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


class TimestampMixin:
    """When a row was created and last changed (UTC), and when it went to the trash."""

    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
