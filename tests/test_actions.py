"""The actions a person takes, each one ``Log`` call and one transaction: marking a note sent
(with the channel it went by), sending a note (its text saved and marked sent together), and
recording an outcome (added or changed). A refused action leaves the log exactly as it was,
and its error says which record and field for a program to point at, not only in words."""

from __future__ import annotations

import pandas as pd
import pytest

import workbook

from .conftest import assert_same_log, snapshot

pytestmark = pytest.mark.backends("sqlite", "postgresql")

# The morning after one_interview's interview (10:00–11:00 in New York on 2026-09-14, which is
# 14:00–15:00 UTC): 08:00 in New York.
NOW = pd.Timestamp("2026-09-15T12:00:00+00:00")


def note(log, note_id: int) -> pd.Series:
    return log.notes().set_index("note_id").loc[note_id]


# -- mark_sent: the time and the channel together -------------------------------------------

def test_mark_sent_records_the_time_and_the_channel_it_went_by(one_interview):
    log, _, (ana, _) = one_interview
    draft = log.add_note(ana, body="Dear Ana, thank you.", channel="email")

    sent_at = log.mark_sent(draft, at="2026-09-14 18:30", now=NOW, channel="handwritten")

    assert sent_at == pd.Timestamp("2026-09-14 18:30", tz="America/New_York")
    stored = note(log, draft)
    assert (stored["sent_at"], stored["channel"], stored["body"]) == (sent_at, "handwritten", "Dear Ana, thank you.")


def test_mark_sent_without_a_channel_keeps_the_drafts_and_now_is_the_default(one_interview):
    log, _, (ana, _) = one_interview
    draft = log.add_note(ana, body="Dear Ana", channel="other")

    assert log.mark_sent(draft, now=NOW) == NOW
    assert (note(log, draft)["sent_at"], note(log, draft)["channel"]) == (NOW, "other")


@pytest.mark.parametrize("at, error, reason", [
    ("2026-09-15 09:00", workbook.TimeOrderError, "is in the future"),          # 13:00 UTC, an hour after now
    ("2026-09-14 10:30", workbook.TimeOrderError, "before the interview ended"),
    ("yesterday", workbook.InvalidTimeError, "is not an ISO 8601 time"),
])
def test_a_refused_mark_sent_leaves_the_channel_and_the_draft_as_they_were(one_interview, at, error, reason):
    log, _, (ana, _) = one_interview
    draft = log.add_note(ana, body="Dear Ana", channel="email")
    before = snapshot(log)

    with pytest.raises(error, match=reason) as refused:
        log.mark_sent(draft, at=at, now=NOW, channel="handwritten")

    assert_same_log(before, snapshot(log))  # still a draft, still by email
    assert (refused.value.record, refused.value.key, refused.value.field) == ("note", draft, "sent_at")


def test_a_wrong_channel_is_refused_with_the_time(one_interview):
    log, _, (ana, _) = one_interview
    draft = log.add_note(ana, body="Dear Ana")
    before = snapshot(log)

    with pytest.raises(workbook.InvalidValueError, match="'pigeon' is not one of") as refused:
        log.mark_sent(draft, now=NOW, channel="pigeon")

    assert_same_log(before, snapshot(log))  # not marked sent by email either
    assert (refused.value.record, refused.value.key, refused.value.field) == ("note", draft, "channel")


def test_a_note_sent_once_keeps_its_time_and_its_channel(one_interview):
    log, _, (ana, _) = one_interview
    sent = log.add_note(ana, body="Dear Ana", channel="email", sent_at="2026-09-14T16:00")
    before = snapshot(log)

    with pytest.raises(workbook.InvalidValueError, match="was already sent"):
        log.mark_sent(sent, now=NOW, channel="handwritten")

    assert_same_log(before, snapshot(log))


def test_marking_a_note_the_log_does_not_hold(one_interview):
    log = one_interview[0]
    before = snapshot(log)

    with pytest.raises(workbook.UnknownRecordError) as refused:
        log.mark_sent(99, now=NOW, channel="email")

    assert_same_log(before, snapshot(log))
    assert (refused.value.record, refused.value.key) == ("note", 99)


# -- send_note: the text and the sending together -------------------------------------------

def test_send_a_new_note_saves_its_text_and_its_sending(one_interview):
    log, _, (ana, _) = one_interview

    note_id, sent_at = log.send_note(ana, "Dear Ana, thank you.", subject="Thank you", channel="email",
                                     at="2026-09-14 17:45", now=NOW)

    assert sent_at == pd.Timestamp("2026-09-14 17:45", tz="America/New_York")
    assert log.notes()["note_id"].tolist() == [note_id]
    stored = note(log, note_id)
    assert (stored["interviewer_id"], stored["subject"], stored["body"], stored["channel"], stored["sent_at"]) == (
        ana, "Thank you", "Dear Ana, thank you.", "email", sent_at)
    assert pd.isna(stored["replied_at"])


def test_a_note_sent_without_text_is_kept_as_add_note_keeps_one(one_interview):
    # What the tracker records for a person thanked without a draft in the log.
    log, _, (ana, _) = one_interview

    note_id, sent_at = log.send_note(ana, body="", channel="handwritten", now=NOW)

    stored = note(log, note_id)
    assert (stored["body"], stored["channel"], stored["sent_at"]) == ("", "handwritten", NOW)
    assert pd.isna(stored["subject"])


def test_send_a_draft_saves_the_new_text_on_the_draft(one_interview):
    log, _, (ana, _) = one_interview
    draft = log.add_note(ana, body="Dear Ana, a first go.", subject="Thanks", channel="email")

    note_id, sent_at = log.send_note(ana, "Dear Ana, thank you for the churn dashboard talk.", subject="Thank you",
                                     channel="handwritten", now=NOW, note_id=draft)

    assert (note_id, sent_at) == (draft, NOW)
    assert len(log.notes()) == 1  # the draft, not a second note
    stored = note(log, draft)
    assert (stored["body"], stored["subject"], stored["channel"], stored["sent_at"]) == (
        "Dear Ana, thank you for the churn dashboard talk.", "Thank you", "handwritten", NOW)


@pytest.mark.parametrize("at, error, reason", [
    ("2026-09-15T13:00:00+00:00", workbook.TimeOrderError, "is in the future"),
    ("2026-09-14 10:59", workbook.TimeOrderError, "before the interview ended"),
    ("14/09/2026", workbook.InvalidTimeError, "is not an ISO 8601 time"),
])
@pytest.mark.parametrize("with_draft", [False, True], ids=["new note", "draft"])
def test_a_refused_send_saves_neither_the_text_nor_a_new_note(one_interview, at, error, reason, with_draft):
    log, _, (ana, _) = one_interview
    draft = log.add_note(ana, body="Dear Ana, a first go.", channel="email") if with_draft else None
    before = snapshot(log)

    with pytest.raises(error, match=reason) as refused:
        log.send_note(ana, "Dear Ana, the final text.", subject="Thank you", channel="handwritten", at=at,
                      now=NOW, note_id=draft)

    # The text was written in the same transaction before the time was refused: rolled back too.
    assert_same_log(before, snapshot(log))
    assert (refused.value.record, refused.value.field) == ("note", "sent_at")


def test_a_refused_text_is_not_sent(one_interview):
    log, _, (ana, _) = one_interview
    before = snapshot(log)

    with pytest.raises(workbook.InvalidValueError) as refused:
        log.send_note(ana, "Dear Ana", subject="Thank\nyou", now=NOW)

    assert_same_log(before, snapshot(log))
    assert (refused.value.record, refused.value.field) == ("note", "subject")


def test_a_draft_to_someone_else_is_not_sent_as_this_persons_note(one_interview):
    log, _, (ana, bo) = one_interview
    to_bo = log.add_note(bo, body="Dear Bo")
    before = snapshot(log)

    with pytest.raises(workbook.InvalidValueError, match=f"not to interviewer {ana}") as refused:
        log.send_note(ana, "Dear Ana", now=NOW, note_id=to_bo)

    assert_same_log(before, snapshot(log))
    assert (refused.value.record, refused.value.key, refused.value.field) == ("note", to_bo, "interviewer_id")


def test_sending_to_someone_the_log_does_not_hold(one_interview):
    log = one_interview[0]
    before = snapshot(log)

    with pytest.raises(workbook.UnknownRecordError, match="no interviewer 99") as refused:
        log.send_note(99, "Dear someone", now=NOW)

    assert_same_log(before, snapshot(log))
    assert (refused.value.record, refused.value.field) == ("note", "interviewer_id")


# -- record_outcome: add, or change what was recorded -----------------------------------------

def test_record_an_outcome_then_change_it(one_interview):
    log, interview, _ = one_interview

    assert log.record_outcome(interview, "next_round", "2026-09-15", now=NOW) is None
    assert log.outcomes().to_dict("records") == [{
        "interview_id": interview, "outcome": "next_round",
        "decided_at": pd.Timestamp("2026-09-15", tz="America/New_York").tz_convert("UTC")}]

    assert log.record_outcome(interview, "offer", "2026-09-15T07:30", now=NOW) == "next_round"
    assert log.outcomes().to_dict("records") == [{
        "interview_id": interview, "outcome": "offer",
        "decided_at": pd.Timestamp("2026-09-15 07:30", tz="America/New_York").tz_convert("UTC")}]


def test_an_outcome_decided_on_the_interviews_own_day(one_interview):
    log, interview, _ = one_interview
    assert log.record_outcome(interview, "rejected", "2026-09-14", now=NOW) is None
    assert log.outcomes()["outcome"].tolist() == ["rejected"]


@pytest.mark.parametrize("decided_at, error, reason", [
    ("2026-09-16", workbook.TimeOrderError, "is in the future"),            # tomorrow in New York
    ("2026-09-15T09:00", workbook.TimeOrderError, "is in the future"),      # an hour after now
    ("2026-09-13", workbook.TimeOrderError, "before the interview's date"),
    (None, workbook.InvalidTimeError, "is missing"),
    ("", workbook.InvalidTimeError, "is missing"),
    ("next week", workbook.InvalidTimeError, "is not an ISO 8601 time"),
])
@pytest.mark.parametrize("recorded", [None, "next_round"], ids=["add", "change"])
def test_a_refused_outcome_date_changes_nothing(one_interview, decided_at, error, reason, recorded):
    log, interview, _ = one_interview
    if recorded is not None:
        log.record_outcome(interview, recorded, "2026-09-15", now=NOW)
    before = snapshot(log)

    with pytest.raises(error, match=reason) as refused:
        log.record_outcome(interview, "offer", decided_at, now=NOW)

    assert_same_log(before, snapshot(log))
    assert (refused.value.key, refused.value.field) == (interview, "decided_at")


@pytest.mark.parametrize("recorded", [None, "next_round"], ids=["add", "change"])
def test_an_unknown_outcome_changes_nothing(one_interview, recorded):
    log, interview, _ = one_interview
    if recorded is not None:
        log.record_outcome(interview, recorded, "2026-09-15", now=NOW)
    before = snapshot(log)

    with pytest.raises(workbook.UnknownOutcomeError) as refused:
        log.record_outcome(interview, "hired!", "2026-09-15", now=NOW)

    assert_same_log(before, snapshot(log))
    assert (refused.value.key, refused.value.field) == (interview, "outcome")


def test_an_outcome_of_an_interview_the_log_does_not_hold(one_interview):
    log = one_interview[0]
    before = snapshot(log)

    with pytest.raises(workbook.UnknownRecordError, match="no interview 99") as refused:
        log.record_outcome(99, "offer", "2026-09-15", now=NOW)

    assert_same_log(before, snapshot(log))
    assert (refused.value.key, refused.value.field) == (99, "interview_id")


# -- where a problem is, for a program ----------------------------------------------------

PEOPLE = [{"name": "Ana Lima", "email": "ana@northwind.example"}, {"name": "Bo Chen", "email": "bo at northwind"}]


def test_a_problem_with_a_person_given_names_their_position(one_interview):
    log = one_interview[0]
    before = snapshot(log)

    with pytest.raises(workbook.InvalidValueError, match="is not an email address") as refused:
        log.add_interview("Maya Okafor", "Contoso", "Analyst", "2026-09-16T10:00", "2026-09-16T11:00",
                          "America/New_York", people=PEOPLE)

    assert_same_log(before, snapshot(log))
    error = refused.value
    assert (error.record, error.key, error.field, error.row) == ("person", 2, "email", "person 2")


def test_every_problem_of_an_interview_carries_its_place(one_interview):
    log = one_interview[0]
    people = [{"name": ""}, *PEOPLE]

    with pytest.raises(workbook.WorkbookError) as refused:
        log.add_interview("Leo\tPark", "", "Analyst", "2026-09-16T10:00", "2026-09-16T11:00", "America/New_York",
                          people=people, new_candidate=True)

    # The name refused as a new candidate is also no candidate of the interview's: both are
    # about the one name typed.
    places = {(p.record, p.key, p.field) for p in refused.value.problems}
    assert places == {("candidate", "Leo\tPark", "candidate"), ("interview", None, "candidate"),
                      ("interview", None, "company"), ("person", 1, "name"), ("person", 3, "email")}


def test_a_csv_problem_names_the_file_and_the_line(one_interview, tmp_path):
    log, _, (ana, _) = one_interview
    folder = tmp_path / "csv"
    (folder).mkdir()
    (folder / "notes.csv").write_text("note_id,interviewer_id,channel,subject,body,sent_at,replied_at\n"
                                      f"1,{ana},email,,Dear Ana,,\n"
                                      f"2,{ana},pigeon,,Dear Ana,,\n")
    before = snapshot(log)

    with pytest.raises(workbook.CsvImportError) as refused:
        log.import_csv(folder)

    assert_same_log(before, snapshot(log))
    assert (refused.value.record, refused.value.key, refused.value.field) == ("notes.csv", 3, "channel")


# -- edit_interview: an interview and its people corrected together -------------------------

def test_edit_interview_changes_fields_and_people_in_one_write(one_interview):
    log, interview_id, (ana, bo) = one_interview
    edit = log.edit_interview(interview_id, {"company": "Northwind Analytics Inc.", "ends_at": "2026-09-14T11:30"},
                              people=[{"interviewer_id": ana, "name": "Ana Lima", "title": "Analytics lead",
                                       "email": "ana.lima@northwind.example"},
                                      {"interviewer_id": None, "name": "Cy Diaz"}],
                              remove=[bo])

    assert (edit.fields, edit.added, edit.changed, edit.removed) == (
        ("company", "ends_at"), ("Cy Diaz",), (("Ana Lima", ("email",)),), ("Bo Chen",))
    [interview] = log.interviews().itertuples()
    assert interview.company == "Northwind Analytics Inc." and interview.ends_at == pd.Timestamp("2026-09-14T15:30Z")
    met = log.interviewers()
    assert met["name"].tolist() == ["Ana Lima", "Cy Diaz"] and met["interviewer_id"].iloc[0] == ana
    assert met["talking_points"].iloc[0] == "rebuilding the churn dashboard"  # left out: kept
    assert log.edit_interview(interview_id, {}).nothing  # nothing given: everything stays


def test_edit_interview_refuses_to_drop_notes_unless_the_number_confirmed_is_the_number_held(one_interview):
    log, interview_id, (ana, bo) = one_interview
    log.add_note(bo, body="Dear Bo, thank you.", sent_at="2026-09-14T12:00")
    before = snapshot(log)

    with pytest.raises(workbook.RecordInUseError) as refused:
        log.edit_interview(interview_id, {"role": "Senior data analyst"}, remove=[bo])
    assert_same_log(before, snapshot(log))
    assert (refused.value.record, refused.value.key) == ("interviewer", bo)
    assert str(refused.value) == (f"Bo Chen, interviewer_id: has 1 note (sent): removing Bo Chen would remove it too "
                                  f"(to allow it, pass cascade={{{bo}: 1}})")
    for cascade in ({ana: 1}, {bo: 0}):  # not Bo's; not the note he has
        with pytest.raises(workbook.RecordInUseError):
            log.edit_interview(interview_id, {}, remove=[bo], cascade=cascade)
    # A note written after the person confirmed one: the confirmation no longer holds.
    log.add_note(bo, body="Dear Bo, a second draft.")
    with pytest.raises(workbook.RecordInUseError, match=r"has 2 notes \(1 sent\) now, not the 1 confirmed"):
        log.edit_interview(interview_id, {}, remove=[bo], cascade={bo: 1})
    assert len(log.notes()) == 2

    edit = log.edit_interview(interview_id, {"role": "Senior data analyst"}, remove=[bo], cascade={bo: 2})
    assert (edit.removed, edit.notes_removed, edit.sent_notes_removed) == (("Bo Chen",), 2, 1)
    assert log.notes().empty and log.interviewers()["name"].tolist() == ["Ana Lima"]


def test_the_notes_of_people_removed_are_not_checked_against_the_new_times(one_interview):
    log, interview_id, (ana, bo) = one_interview
    log.add_note(bo, body="Dear Bo, thank you.", sent_at="2026-09-14T12:00")  # before the corrected end
    edit = log.edit_interview(interview_id, {"ends_at": "2026-09-14T12:30"}, remove=[ana, bo], cascade=True)
    assert (edit.fields, edit.removed, edit.notes_removed) == (("ends_at",), ("Ana Lima", "Bo Chen"), 1)
    assert log.interviewers().empty and log.notes().empty


def test_people_removed_elsewhere_are_gone_already_and_others_are_not_removed(one_interview):
    log, interview_id, (ana, bo) = one_interview
    log.remove_interviewer(bo)  # another notebook
    assert log.edit_interview(interview_id, remove=[bo]).nothing
    with pytest.raises(workbook.UnknownRecordError, match="person 1, interviewer_id: is not one of the people met"):
        log.edit_interview(interview_id, people=[{"interviewer_id": bo, "title": "Staff data engineer"}])
    log.add_interview("Maya Okafor", "Kestrel Bank", "Data analyst", "2026-09-16T09:00",
                              "2026-09-16T10:00", "Europe/London", people=[{"name": "Dee Moss"}])
    dee = int(log.interviewers().set_index("name").at["Dee Moss", "interviewer_id"])
    before = snapshot(log)
    with pytest.raises(workbook.UnknownRecordError, match="Dee Moss, interview_id: is not one of the people met at "
                                                          "the interview with Northwind Analytics on Mon 14 Sep 2026"):
        log.edit_interview(interview_id, remove=[dee])
    assert_same_log(before, snapshot(log))
    with pytest.raises(ValueError, match="given more than once"):
        log.edit_interview(interview_id, people=[{"interviewer_id": ana, "title": "Lead"}], remove=[ana])


@pytest.mark.parametrize("values, people, record, key, field, reason", [
    ({"ends_at": "2026-09-14T09:00"}, None, "interview", 1, "ends_at", "ends before (or when) it starts"),
    ({"timezone": "Mars/Olympus"}, None, "interview", 1, "timezone", "is not an IANA time zone"),
    ({"candidate": "Leo Park"}, None, "interview", 1, "candidate", "the log holds no candidate named"),
    ({}, [{"name": "Ana Lima"}, {"name": "", "email": "x"}], "person", 2, "email", "is not an email address"),
    ({"ends_at": "2026-09-14T12:30"}, None, "interview", 1, "ends_at",
     "the note to Bo Chen would then be wrong: sent 2026-09-14 12:00, before the interview ended (2026-09-14 12:30"),
])
def test_a_refused_edit_changes_nothing_and_says_where(one_interview, values, people, record, key, field, reason):
    log, interview_id, (ana, bo) = one_interview
    log.add_note(bo, body="Dear Bo, thank you.", sent_at="2026-09-14T12:00")
    if people is not None:
        people = [{"interviewer_id": ana, **people[0]}, *people[1:], {"interviewer_id": bo, "name": "Bo Chen"}]
    before = snapshot(log)

    with pytest.raises(workbook.WorkbookError) as refused:
        log.edit_interview(interview_id, values, people=people)

    assert_same_log(before, snapshot(log))
    found = [p for p in refused.value.problems if (p.record, p.key, p.field) == (record, key, field)]
    assert found and reason in found[0].reason, refused.value.problems


def test_edit_interview_adds_a_new_candidate_only_with_the_edit(one_interview):
    log, interview_id, _ = one_interview
    with pytest.raises(workbook.WorkbookError):
        log.edit_interview(interview_id, {"candidate": "Leo Park", "company": ""}, new_candidate=True)
    assert log.candidates()["candidate"].tolist() == ["Maya Okafor"]
    log.edit_interview(interview_id, {"candidate": "Leo Park"}, new_candidate=True)
    assert log.interviews()["candidate"].tolist() == ["Leo Park"]


def test_editing_an_interview_the_log_does_not_hold(one_interview):
    log = one_interview[0]
    with pytest.raises(workbook.UnknownRecordError):
        log.edit_interview(99, {"company": "X"})


def test_a_field_left_out_of_a_person_keeps_its_value_and_none_clears_it(one_interview):
    log, interview_id, (ana, bo) = one_interview
    log.change_interviewer(ana, phone="+1 555 0101")
    # The README's example: only the name and the email of Ana given.
    log.edit_interview(interview_id, {}, people=[{"interviewer_id": ana, "name": "Ana Lima",
                                                  "email": "ana.lima@northwind.example"}])

    met = log.interviewers().set_index("interviewer_id")
    assert list(met.index) == [ana, bo]               # Bo, not mentioned, stays
    assert (met.at[ana, "email"], met.at[ana, "title"], met.at[ana, "phone"], met.at[ana, "talking_points"]) == (
        "ana.lima@northwind.example", "Analytics lead", "+1 555 0101", "rebuilding the churn dashboard")

    edit = log.edit_interview(interview_id, people=[{"interviewer_id": ana, "phone": None}])
    assert edit.changed == (("Ana Lima", ("phone",)),)
    met = log.interviewers().set_index("interviewer_id")
    assert pd.isna(met.at[ana, "phone"]) and met.at[ana, "title"] == "Analytics lead"
