"""Our organisation (the profile) and the organisations of the network (the directory)."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, Select, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Record


class OrganisationProfile(Record, Base):
    """The organisation that runs the programme: one row, shown on every document."""

    __tablename__ = "organisation_profile"

    name: Mapped[str] = mapped_column(String(300), default="")
    legal_form: Mapped[str] = mapped_column(String(100), default="")
    tax_id: Mapped[str] = mapped_column(String(20), default="")
    registration_number: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    municipality: Mapped[str] = mapped_column(String(150), default="")
    province: Mapped[str] = mapped_column(String(150), default="")
    country: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_role: Mapped[str] = mapped_column(String(200), default="")
    signature_image: Mapped[bytes | None] = mapped_column(LargeBinary)
    areas_of_action: Mapped[list[str]] = mapped_column(JSON, default=list)
    default_language: Mapped[str] = mapped_column(String(10), default="es")
    document_colour: Mapped[str] = mapped_column(String(9), default="#2E6B5E")
    # Our certificate-signing public key (raw Ed25519, 32 bytes): shown, and sent in bundles.
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary)


class Organisation(Record, Base):
    """An organisation of the network: association, foundation, public body, informal group..."""

    __tablename__ = "organisations"

    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(30), default="association")
    legal_form: Mapped[str] = mapped_column(String(100), default="")
    tax_id: Mapped[str] = mapped_column(String(20), default="", index=True)
    registration_number: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    municipality: Mapped[str] = mapped_column(String(150), default="", index=True)
    province: Mapped[str] = mapped_column(String(150), default="")
    country: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    areas_of_action: Mapped[list[str]] = mapped_column(JSON, default=list)
    target_groups: Mapped[str] = mapped_column(Text, default="")
    territory: Mapped[str] = mapped_column(String(200), default="")
    staff_count: Mapped[int | None] = mapped_column(Integer)
    volunteer_count: Mapped[int | None] = mapped_column(Integer)
    member_count: Mapped[int | None] = mapped_column(Integer)
    year_founded: Mapped[int | None] = mapped_column(Integer)
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    needs: Mapped[str] = mapped_column(Text, default="")
    expertise: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("organisations.id"), default=None
    )


def the_profile(*columns: object) -> Select:
    """The select of our organisation's profile: the oldest row. Two laptops that each made a
    profile before syncing agree on the same one (its id is the organisation's permanent
    identity, so it is never rewritten)."""
    chosen = columns or (OrganisationProfile,)
    return (
        select(*chosen)  # type: ignore[call-overload]
        .order_by(OrganisationProfile.created_at, OrganisationProfile.id)
        .limit(1)
    )
