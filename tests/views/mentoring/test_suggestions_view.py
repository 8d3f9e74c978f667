"""The "Suggested pairs" page over real services: organisations with needs, mentors ranked for
the one chosen with their reasons, and "Propose this pair…" with a prefilled pair."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services.demands import DemandData
from app.services.mentoring_values import RelationshipData
from app.services.mentors import MentorData
from app.services.organisations import OrganisationData
from app.services.people import PersonData
from app.services.person_links import MembershipData
from app.views.mentoring.suggestions_table_model import NeedsTableModel, SuggestionsTableModel
from app.views.mentoring.suggestions_view import SuggestionsView


@pytest.fixture
def network(services) -> dict[str, str]:
    """Brisa needs fundraising help (its needs text and a demand); Cauce needs a web page.
    Lucía (Alba) offers fundraising, Marta (Duna) offers communication; Brisa has one person."""
    organisations = services.organisations
    ids = {
        "Alba": organisations.save(OrganisationData(name="Alba")).id,
        "Brisa": organisations.save(
            OrganisationData(name="Brisa", needs="Captación de fondos para el comedor")
        ).id,
        "Cauce": organisations.save(OrganisationData(name="Cauce")).id,
        "Duna": organisations.save(OrganisationData(name="Duna")).id,
    }
    services.demands.save(DemandData(topic="Comunicación y prensa", organisation_id=ids["Cauce"]))

    def person(name: str, organisation: str) -> str:
        member = (MembershipData(ids[organisation]),)
        return services.people.save(PersonData(full_name=name, memberships=member)).id

    ids["Lucía"] = person("Lucía Pérez", "Alba")
    ids["Marta"] = person("Marta Gil", "Duna")
    ids["Nerea"] = person("Nerea Sanz", "Brisa")
    ids["Olga"] = person("Olga Ruiz", "Cauce")
    ids["Pablo"] = person("Pablo Vera", "Cauce")
    services.mentors.save(MentorData(person_id=ids["Lucía"], areas=("fundraising",), capacity=3))
    services.mentors.save(
        MentorData(person_id=ids["Marta"], areas=("communication", "fundraising"), capacity=1)
    )
    return ids


@pytest.fixture
def view(qtbot, services, network) -> SuggestionsView:
    widget = SuggestionsView(services)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    return widget


def column(model, number: int) -> list[str]:
    return [model.index(r, number).data() for r in range(model.rowCount())]


def choose(view: SuggestionsView, organisation: str) -> None:
    row = view.needs_model.row_where(lambda n: n.organisation_name == organisation)
    view.needs_table.select(row)


def test_organisations_with_needs_are_listed_with_the_areas_read_in_them(view):
    assert column(view.needs_model, 0) == ["Brisa", "Cauce"]  # Alba and Duna asked for nothing
    assert column(view.needs_model, 1) == ["Fundraising", "Communication"]
    assert view.needs_status.text() == "2 organisations with declared needs"
    assert view.propose_button.isEnabled() is False  # nothing chosen yet
    assert "Choose an organisation" in view.needs_text.text()


def test_choosing_an_organisation_ranks_the_mentors_with_reasons(view):
    choose(view, "Brisa")
    assert "Captación de fondos para el comedor" in view.needs_text.text()
    assert column(view.suggestions_model, 1)[0] == "Lucía Pérez"  # more places free
    assert column(view.suggestions_model, 0) == ["1", "2"]
    assert column(view.suggestions_model, 3)[0] == "Fundraising"
    assert column(view.suggestions_model, 4)[0] == "3 of 3"
    # The best match is selected and its reasons are shown in words.
    assert view.selected_suggestion().mentor_name == "Lucía Pérez"
    reasons = view.reasons.text()
    assert reasons.startswith("Why Lucía Pérez:")
    assert "offers Fundraising" in reasons
    assert "Mentors suggested for Brisa" in view.suggestions_label.text()


def test_propose_this_pair_prefills_a_new_pair(qtbot, services, network, view):
    choose(view, "Brisa")
    with qtbot.waitSignal(view.propose_requested) as proposed:
        view.propose_button.click()
    prefill = proposed.args[0]
    assert isinstance(prefill, RelationshipData)
    assert (prefill.id, prefill.status) == (None, "proposed")
    assert prefill.mentor_id == network["Lucía"]  # the person, not the mentor record
    assert prefill.mentor_organisation_id == network["Alba"]
    assert prefill.mentee_organisation_id == network["Brisa"]
    assert prefill.mentee_id == network["Nerea"]  # Brisa's only person
    assert prefill.areas == ("fundraising",)

    choose(view, "Cauce")  # two people there: the mentee is chosen in the form
    view.suggestions_table.setFocus()
    with qtbot.waitSignal(view.propose_requested) as proposed:
        qtbot.keyClick(view.suggestions_table, Qt.Key.Key_Return)
    assert proposed.args[0].mentor_id == network["Marta"]
    assert proposed.args[0].mentee_id == ""


def test_a_full_mentor_is_no_longer_suggested_after_refresh(services, network, view):
    choose(view, "Cauce")
    assert column(view.suggestions_model, 1) == ["Marta Gil"]
    services.mentoring.save(
        RelationshipData(
            mentor_id=network["Marta"],
            mentee_id=network["Olga"],
            mentor_organisation_id=network["Duna"],
            mentee_organisation_id=network["Cauce"],
            status="active",
        )
    )
    view.refresh()
    assert view.selected_need().organisation_name == "Cauce"  # the choice is kept
    assert column(view.needs_model, 2) == ["0", "1"]  # Cauce has a pair now
    assert view.suggestions_model.rowCount() == 0
    assert "No mentor can be suggested for Cauce" in view.suggestions_label.text()
    assert view.reasons.text() == "" and not view.propose_button.isEnabled()


def test_search_narrows_the_organisations(qtbot, view):
    qtbot.keyClicks(view.search, "cau")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)  # searched now, first one chosen
    assert column(view.needs_model, 0) == ["Cauce"]
    assert view.selected_need().organisation_name == "Cauce"
    assert view.needs_table.hasFocus()
    view.search.setText("zzz")
    qtbot.waitUntil(lambda: view.needs_model.rowCount() == 0, timeout=3000)
    assert view.needs_text.text() == "No organisation with declared needs matches the search."


def test_with_no_needs_declared_the_page_says_where_to_write_them(qtbot, services):
    empty = SuggestionsView(services)
    qtbot.addWidget(empty)
    assert "No organisation has declared needs yet" in empty.needs_text.text()


def test_the_models_pass_the_model_tester(qtmodeltester, services, network):
    needs = NeedsTableModel()
    needs.set_rows(services.mentoring_suggestions.needs())
    qtmodeltester.check(needs)
    suggestions = SuggestionsTableModel()
    suggestions.set_rows(services.mentoring_suggestions.suggest(network["Brisa"]))
    qtmodeltester.check(suggestions)
    suggestions.sort(4, Qt.SortOrder.AscendingOrder)
    assert column(suggestions, 0) == ["2", "1"]  # fewest places free first; ranks stay theirs
    qtmodeltester.check(suggestions)
