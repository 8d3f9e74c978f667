"""Certificates issued, the keys that sign them, and the other issuers we can verify."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Record


class SigningKey(Record, Base):
    """Our organisation's Ed25519 key pair. The newest live one signs; older ones still verify.

    Kept in the database so that backups and sync carry it: a restored or second laptop signs
    with the same key. The private key never leaves through exports or bundles.
    """

    __tablename__ = "signing_keys"

    public_key: Mapped[bytes] = mapped_column(LargeBinary)  # raw, 32 bytes
    private_key: Mapped[bytes] = mapped_column(LargeBinary)  # raw, 32 bytes
    fingerprint: Mapped[str] = mapped_column(String(32), index=True)


class KnownIssuer(Record, Base):
    """Another organisation's public key (from a catalogue bundle), to verify its certificates."""

    __tablename__ = "known_issuers"

    name: Mapped[str] = mapped_column(String(300))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(32), index=True)
    source: Mapped[str] = mapped_column(String(300), default="")


class Certificate(Record, Base):
    """One certificate issued: what it says (as printed), who issued it, and its fate
    (replaced by a corrected one, or revoked)."""

    __tablename__ = "certificates"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # attendance | completion
    activity_id: Mapped[str] = mapped_column(String(36), ForeignKey("activities.id"), index=True)
    person_id: Mapped[str] = mapped_column(String(36), ForeignKey("people.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(300))
    activity_title: Mapped[str] = mapped_column(String(300))
    minutes: Mapped[int] = mapped_column(Integer, default=0)
    first_date: Mapped[date | None] = mapped_column(Date)
    last_date: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(10), default="es")
    design: Mapped[str] = mapped_column(String(20), default="classic")
    issued_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    issued_by: Mapped[str] = mapped_column(String(200), default="")
    payload: Mapped[str] = mapped_column(Text)  # the signed text carried by the QR code
    heading: Mapped[str] = mapped_column(String(200), default="")  # the wording as printed
    body: Mapped[str] = mapped_column(Text, default="")
    replaced_by_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("certificates.id"), default=None
    )
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    revoke_reason: Mapped[str] = mapped_column(Text, default="")


class CertificateWording(Record, Base):
    """The editable wording of certificates, per kind and language (empty: the built-in one)."""

    __tablename__ = "certificate_wordings"

    kind: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(10))
    heading: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
