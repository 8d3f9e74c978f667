"""A mentoring pair with goals (and their progress history) and a session log, built through the
services, for the tests of the relationship panel and its pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.services.mentoring_values import GoalData, RelationshipData, SessionLogData
from app.services.organisations import OrganisationData
from app.services.people import MembershipData, PersonData
from app.services.registry import Services

SECRET = "NOTA-RESERVADA-7731"


@dataclass(frozen=True)
class Pair:
    relationship_id: str
    mentor_id: str
    mentee_id: str
    goal_ids: tuple[str, ...]  # in their order
    session_ids: tuple[str, ...]  # oldest first
    today: date


def _person(services: Services, name: str, organisation_id: str) -> str:
    membership = MembershipData(organisation_id, role="staff")
    return services.people.save(PersonData(full_name=name, memberships=(membership,))).id


def build_pair(services: Services, today: date | None = None) -> Pair:
    """Luis Gil (Fundación Luz) mentors Ana Pérez (Asociación Río) in fundraising and leadership,
    active since 120 days ago. Three goals: one achieved, one under way with four steps of
    history, one overdue. Four sessions, the second with confidential notes."""
    today = today or date.today()
    luz = services.organisations.save(OrganisationData(name="Fundación Luz")).id
    rio = services.organisations.save(OrganisationData(name="Asociación Río")).id
    mentor, mentee = _person(services, "Luis Gil", luz), _person(services, "Ana Pérez", rio)
    pair = services.mentoring.save(
        RelationshipData(
            mentor_id=mentor,
            mentee_id=mentee,
            mentor_organisation_id=luz,
            mentee_organisation_id=rio,
            areas=("fundraising", "leadership"),
            start_date=today - timedelta(days=120),
            planned_end=today + timedelta(days=240),
            frequency="monthly",
            status="active",
            agreement_goals="Diversificar la financiación de la asociación.",
            agreement_commitments="Una sesión al mes y preparar cada sesión.",
            agreement_confidentiality="Lo hablado queda entre las dos partes.",
        ),
        today=today,
    )
    rid = pair.data.id
    goals = _goals(services, rid, today)
    sessions = tuple(
        services.mentoring.save_session(
            SessionLogData(
                relationship_id=rid,
                date=today - timedelta(days=days),
                minutes=minutes,
                mode=mode,
                topics=topics,
                summary=f"Resumen de {topics.lower()}",
                agreements="Preparar un borrador",
                mentor_rating=4,
                mentee_rating=5 if days < 60 else None,
                confidential_notes=SECRET if days == 75 else "",
            ),
            today=today,
        ).id
        for days, minutes, mode, topics in (
            (110, 90, "in_person", "Plan de captación"),
            (75, 60, "video", "Convocatorias públicas"),
            (40, 60, "phone", "Presentación a la junta"),
            (10, 45, "video", "Revisión del plan"),
        )
    )
    return Pair(rid, mentor, mentee, goals, sessions, today)


def _goals(services: Services, rid: str, today: date) -> tuple[str, ...]:
    save = services.mentoring.save_goal
    achieved = save(
        GoalData(rid, "Plan de captación escrito", target="Plan aprobado", progress=30),
        today=today - timedelta(days=100),
    )
    save(GoalData(**{**_fields(achieved), "progress": 100}), today=today - timedelta(days=30))
    growing = save(
        GoalData(
            rid,
            "Tres nuevos financiadores",
            baseline="Un solo financiador público",
            target="Tres financiadores privados",
            due_date=today + timedelta(days=90),
            progress=10,
        ),
        note="Punto de partida",
        today=today - timedelta(days=90),
    )
    for days, progress in ((60, 25), (35, 40), (5, 60)):
        growing = save(
            GoalData(**{**_fields(growing), "progress": progress}),
            note=f"Avance a {progress}",
            today=today - timedelta(days=days),
        )
    overdue = save(
        GoalData(rid, "Presentar el plan a la junta", due_date=today - timedelta(days=7)),
        today=today - timedelta(days=50),
    )
    return (achieved.id, growing.id, overdue.id)


def _fields(goal: GoalData) -> dict:
    return {name: getattr(goal, name) for name in GoalData.__slots__}


def drive(monkeypatch, dialog_class, steps, save: bool = True) -> list:
    """Replace ``dialog_class.exec()`` with ``steps(dialog)`` then Save (or Cancel); returns the
    dialogs seen."""
    seen: list = []

    def fake_exec(dialog) -> int:  # type: ignore[no-untyped-def]
        seen.append(dialog)
        steps(dialog)
        if save:
            dialog.accept()
        else:
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    return seen


def answer_questions(monkeypatch, yes: bool = True) -> list[str]:
    """Answer every question box with Yes (or No); returns the questions asked."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked
