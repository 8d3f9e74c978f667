"""Good practices handed out at an activity: the links, their order, and the handout."""

from __future__ import annotations

from dataclasses import replace

from pypdf import PdfReader

from app.services.activities import ActivityData
from app.services.activity_documents import handout, handout_content
from app.services.catalogue_values import PracticeData


def practice(services, title: str, summary: str = "") -> str:
    return services.catalogue.save(PracticeData(title=title, summary=summary)).id


def test_links_keep_their_order_and_an_unchanged_form_keeps_them(services):
    a = practice(services, "Banco de tiempo")
    b = practice(services, "Huerto comunitario")
    saved = services.activities.save(ActivityData(title="Foro", practice_ids=(b, a)))
    assert saved.practice_ids == (b, a)
    again = services.activities.save(replace(saved, title="Foro de otoño", practice_ids=None))
    assert again.practice_ids == (b, a)  # None leaves the links as they are
    fewer = services.activities.save(replace(again, practice_ids=(a,)))
    assert fewer.practice_ids == (a,)
    back = services.activities.save(replace(fewer, practice_ids=(b, a)))
    assert back.practice_ids == (b, a)  # the link taken out comes back, same id


def test_the_handout_prints_the_shown_practices_with_their_summary(services, tmp_path):
    a = practice(services, "Banco de tiempo", "Intercambio de horas entre vecinas.")
    b = practice(services, "Huerto comunitario", "Cultivo compartido.")
    c = practice(services, "Práctica oculta")
    services.catalogue.set_hidden([c], True)
    services.catalogue.delete([b])
    activity = services.activities.save(ActivityData(title="Foro", practice_ids=(a, b, c)))
    with services.db.session() as s:
        content = handout_content(s, activity.id)
    assert content.practices == (("Banco de tiempo", "Intercambio de horas entre vecinas."),)
    path = tmp_path / "handout.pdf"
    handout(services.db, activity.id, path)
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Banco de tiempo" in text and "Intercambio de horas" in text
    assert "Huerto comunitario" not in text and "Práctica oculta" not in text
