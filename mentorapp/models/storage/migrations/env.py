"""Alembic environment: always runs on the connection the store hands over."""

from __future__ import annotations

from alembic import context

from mentorapp.models.entities import Base
from mentorapp.models.storage.migrate import include_name

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - migrations only run through Store.open
    raise RuntimeError("MentorApp migrations run through mentorapp.models.storage.store, not the alembic CLI.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
