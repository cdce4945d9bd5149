"""Reading a note's parts before judging it: a short email, a formal letter with address blocks,
a one-line LinkedIn message, a note with a legal footer, wrapped lines."""

from __future__ import annotations

import dataclasses

import pytest

from workbook.notes.structure import NoteStructure, read_note

LETTER = """Dana Whitfield
1418 Alder Lane
Houston, TX 77008
(713) 555-0148
dana.whitfield@example.com

November 27, 2026

Mr. Jim Peterman
Regional Sales Director
Texas Oil & Investments, Inc.
4100 Commerce Street, Suite 900
Houston, TX 77002

Dear Mr. Peterman:

Thank you for meeting with me this morning to discuss the Sales Representative
position. I appreciated your frank account of the West Texas territory.

I look forward to
hearing from you about the next steps.

Sincerely,

Dana Whitfield

Enclosure: references
cc: Rosa Alvarez"""


def test_a_formal_letter_is_read_into_its_parts():
    note = read_note(LETTER)
    assert note.address_lines[0] == "Dana Whitfield"
    assert "November 27, 2026" in note.address_lines and "Texas Oil & Investments, Inc." in note.address_lines
    assert note.address_lines[-1] == "Houston, TX 77002"
    assert note.greeting == "Dear Mr. Peterman:"
    assert note.closing == "Sincerely,"
    assert note.signature == ("Dana Whitfield", "Enclosure: references", "cc: Rosa Alvarez")
    # Two paragraphs, each on one line: a line broken inside a sentence is joined with a space.
    assert note.body.split("\n\n") == [
        "Thank you for meeting with me this morning to discuss the Sales Representative position. "
        "I appreciated your frank account of the West Texas territory.",
        "I look forward to hearing from you about the next steps.",
    ]
    assert note.message == "Dear Mr. Peterman:\n\n" + note.body
    assert "Alder" not in note.message and "Rosa" not in note.message


def test_a_short_email_has_no_address_and_a_signature_under_its_closing():
    note = read_note("Hi Ana,\n\nThank you for today.\n\nBest,\nMaya Okafor\n+1 555 0100 | maya@example.com")
    assert note == NoteStructure((), "Hi Ana,", "Thank you for today.", "Best,",
                                 ("Maya Okafor", "+1 555 0100 | maya@example.com"))


def test_a_postscript_under_the_signature_is_message():
    note = read_note("Dear Mrs. Abernathy,\n\nThank you for today.\n\nWith gratitude,\nSiobhan\n(802) 555-0127\n\n"
                     "P.S. The children's garden is a treasure.")
    assert note.body == "Thank you for today.\n\nP.S. The children's garden is a treasure."
    assert note.signature == ("Siobhan", "(802) 555-0127")


def test_a_legal_footer_after_the_signature_is_no_part_of_the_message():
    note = read_note("Dear Claire,\n\nThank you for Thursday.\n\nKind regards,\n\nMiguel Torres\n"
                     "Mobile: +44 7700 900456\n\nThis email and any attachments are confidential.")
    assert note.body == "Thank you for Thursday."
    assert note.signature[-1] == "This email and any attachments are confidential."


@pytest.mark.parametrize("text, greeting, body, signature", [
    # A greeting sharing its line with the message, and a signature on the last line.
    ("Hi Ian — thank you for the conversation this morning! Looking forward to next steps. — Sara",
     "Hi Ian —", "thank you for the conversation this morning! Looking forward to next steps.", ("Sara",)),
    ("Dear Bo, thank you for the chat about the nightly pipeline.",
     "Dear Bo,", "thank you for the chat about the nightly pipeline.", ()),
    # A name alone is a greeting too, and "Hello, Ana!" greets Ana.
    ("Ana,\n\nThank you for today.\n\nMaya", "Ana,", "Thank you for today.", ("Maya",)),
    ("Hello, Ana! Thank you for the long talk today about the churn dashboard.",
     "Hello, Ana!", "Thank you for the long talk today about the churn dashboard.", ()),
    # A closing word ending the message is no closing without a name under it.
    ("Dear Ana,\n\nGreat day.\n\nThank you!", "Dear Ana,", "Great day.\n\nThank you!", ()),
    # A last line that is a sentence, not a name, stays in the message.
    ("Dear Ana,\n\nThank you.\n\nLooking forward to it", "Dear Ana,", "Thank you.\n\nLooking forward to it", ()),
    # A signature right under the last sentence, with no blank line or closing between.
    ("Hi Ana,\nThank you for today.\nMaya Okafor\n555-0100", "Hi Ana,", "Thank you for today.",
     ("Maya Okafor", "555-0100")),
    # No greeting, no closing: a name alone under the message is the signature.
    ("Thanks for your time today.\n\nSam", "", "Thanks for your time today.", ("Sam",)),
    # Several people greeted on one line: all of them are the greeting.
    ("Dear Priya, Sam and Lucia,\n\nThank you all.\n\nBest,\nKai", "Dear Priya, Sam and Lucia,", "Thank you all.",
     ("Kai",)),
    # No closing word, but a signature block under the message.
    ("Hi Marcus,\n\nThank you for the afternoon. I look forward\nto hearing from you.\n\nPriya Raman\n"
     "+1 (312) 555-0107 | priya.raman@example.com",
     "Hi Marcus,", "Thank you for the afternoon. I look forward to hearing from you.",
     ("Priya Raman", "+1 (312) 555-0107 | priya.raman@example.com")),
])
def test_greetings_and_signatures_wherever_they_stand(text, greeting, body, signature):
    note = read_note(text)
    assert (note.greeting, note.body, note.signature) == (greeting, body, signature)
    assert note.address_lines == ()


@pytest.mark.parametrize("greeting, greeted", [
    ("Dear Mr. Peterman:", ("Mr. Peterman",)),
    ("Dear Priya, Sam and Lucia,", ("Priya", "Sam", "Lucia")),
    ("Good morning Dr. Lima,", ("Dr. Lima",)),
    ("Hello, Ana!", ("Ana",)),
    ("Ana —", ("Ana",)),
    ("Dear Hiring Manager,", ("Hiring Manager",)),
])
def test_whom_the_greeting_names(greeting, greeted):
    assert read_note(f"{greeting}\n\nThank you for today.").greeted == greeted
    assert read_note("Thank you for today.").greeted == ()


def test_a_note_of_sentences_only_is_all_body():
    text = "Thank you for today. I learned a lot.\nI look forward to hearing from you."
    note = read_note(text)
    assert note.body == "Thank you for today. I learned a lot. I look forward to hearing from you."
    assert (note.greeting, note.closing, note.signature, note.address_lines) == ("", "", (), ())
    assert read_note("") == NoteStructure((), "", "", "", ())


def test_windows_line_ends_read_as_any_other():
    assert read_note(LETTER.replace("\n", "\r\n")) == read_note(LETTER)


def test_a_note_is_read_once_per_keystroke_and_its_parts_cannot_change():
    read_note.cache_clear()
    first = read_note(LETTER)
    assert read_note(LETTER) is first
    assert read_note.cache_info().hits == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.body = "something else"
