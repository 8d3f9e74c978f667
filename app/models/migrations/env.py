"""Alembic environment: Tejido runs migrations from code, on a connection it passes in."""

from alembic import context

from app.models import Base
from app.models.catalogue import outside_the_models

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when alembic's CLI is used by hand
    raise RuntimeError("Tejido's migrations are run by the program (app.migrate), not by hand.")


def include_name(name, type_, parent_names) -> bool:  # type: ignore[no-untyped-def]
    """Leave out the full-text index (FTS5 virtual table and its shadow tables): the migration
    that creates it does so by hand, and autogenerate must never try to drop it."""
    return not outside_the_models(name, type_)


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_name=include_name,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
