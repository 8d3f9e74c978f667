"""foundation: profile, organisations, people, memberships, consents

Revision ID: 0001_foundation
Revises:
Create Date: 2026-11-28 18:26:06.156633
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisation_profile",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("legal_form", sa.String(length=100), nullable=False),
        sa.Column("tax_id", sa.String(length=20), nullable=False),
        sa.Column("registration_number", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("postal_code", sa.String(length=20), nullable=False),
        sa.Column("municipality", sa.String(length=150), nullable=False),
        sa.Column("province", sa.String(length=150), nullable=False),
        sa.Column("country", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("signatory_name", sa.String(length=200), nullable=False),
        sa.Column("signatory_role", sa.String(length=200), nullable=False),
        sa.Column("signature_image", sa.LargeBinary(), nullable=True),
        sa.Column("areas_of_action", sa.JSON(), nullable=False),
        sa.Column("default_language", sa.String(length=10), nullable=False),
        sa.Column("document_colour", sa.String(length=9), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_profile")),
    )
    op.create_table(
        "organisations",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("legal_form", sa.String(length=100), nullable=False),
        sa.Column("tax_id", sa.String(length=20), nullable=False),
        sa.Column("registration_number", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("postal_code", sa.String(length=20), nullable=False),
        sa.Column("municipality", sa.String(length=150), nullable=False),
        sa.Column("province", sa.String(length=150), nullable=False),
        sa.Column("country", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=False),
        sa.Column("areas_of_action", sa.JSON(), nullable=False),
        sa.Column("target_groups", sa.Text(), nullable=False),
        sa.Column("territory", sa.String(length=200), nullable=False),
        sa.Column("staff_count", sa.Integer(), nullable=True),
        sa.Column("volunteer_count", sa.Integer(), nullable=True),
        sa.Column("member_count", sa.Integer(), nullable=True),
        sa.Column("year_founded", sa.Integer(), nullable=True),
        sa.Column("contact_person", sa.String(length=200), nullable=False),
        sa.Column("needs", sa.Text(), nullable=False),
        sa.Column("expertise", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("merged_into_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["organisations.id"],
            name=op.f("fk_organisations_merged_into_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisations_municipality"), ["municipality"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_organisations_name_key"), ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_organisations_tax_id"), ["tax_id"], unique=False)

    op.create_table(
        "people",
        sa.Column("full_name", sa.String(length=300), nullable=False),
        sa.Column("given_name", sa.String(length=150), nullable=False),
        sa.Column("family_name", sa.String(length=150), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("gender", sa.String(length=20), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("phone_key", sa.String(length=50), nullable=False),
        sa.Column("preferred_language", sa.String(length=10), nullable=False),
        sa.Column("expertise", sa.Text(), nullable=False),
        sa.Column("interests", sa.Text(), nullable=False),
        sa.Column("accessibility_needs", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("merged_into_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["people.id"], name=op.f("fk_people_merged_into_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_people_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_name_key"), ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_phone_key"), ["phone_key"], unique=False)

    op.create_table(
        "consents",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("purpose", sa.String(length=30), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("collected_by", sa.String(length=200), nullable=False),
        sa.Column("notice_version", sa.String(length=50), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_consents_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consents_person_id"), ["person_id"], unique=False)

    op.create_table(
        "memberships",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("organisation_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_memberships_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_memberships_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberships")),
        sa.UniqueConstraint("person_id", "organisation_id", name=op.f("uq_memberships_person_id")),
    )
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_memberships_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_memberships_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_memberships_person_id"))
        batch_op.drop_index(batch_op.f("ix_memberships_organisation_id"))

    op.drop_table("memberships")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consents_person_id"))

    op.drop_table("consents")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_phone_key"))
        batch_op.drop_index(batch_op.f("ix_people_name_key"))
        batch_op.drop_index(batch_op.f("ix_people_email"))

    op.drop_table("people")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisations_tax_id"))
        batch_op.drop_index(batch_op.f("ix_organisations_name_key"))
        batch_op.drop_index(batch_op.f("ix_organisations_municipality"))

    op.drop_table("organisations")
    op.drop_table("organisation_profile")
