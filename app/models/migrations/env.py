"""Alembic environment: Tejido runs migrations from code, on a connection it passes in."""

from alembic import context

from app.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when alembic's CLI is used by hand
    raise RuntimeError("Tejido's migrations are run by the program (app.migrate), not by hand.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
