"""The wellbeing plan's accessible web page: headings, lists and words in the PDF's order."""

from __future__ import annotations

from linkworker_desktop.printing.plan_html import render_plan_html
from linkworker_desktop.printing.plan_pdf import render_plan
from tests.printing.test_plan_pdf import _doc, _goal, _plan
from tests.support.html import of, outline
from tests.support.pdf import text as pdf_text


def test_the_page_has_one_title_and_a_heading_per_section_in_the_pdf_order():
    page = render_plan_html(_doc(_plan()))
    parts = outline(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert of(parts, "title") == ["My wellbeing plan: Ann Bee"]
    assert of(parts, "h1") == ["My wellbeing plan"]
    assert of(parts, "h2") == [
        "What matters to me",
        "My strengths",
        "My goals and my steps",
        "Groups and services that can help",
        "If things get difficult",
        "My next appointment",
        "My link worker",
        "Who I agreed this plan can be shared with",
    ]
    assert of(parts, "h3") == ["1. Go to the Tuesday coffee morning"]
    assert of(parts, "h4") == ["My steps", "Who can help"]
    assert of(parts, "th") == ["What", "Who", "By when"]
    assert of(parts, "td") == ["Find the bus times (done)", "Me", "30 November 2026"]
    assert "Riverside coffee morning: 01632 960 101, Tuesdays 10am" in of(parts, "li")
    assert "Samaritans: Call 116 123, free, any time of day or night." in of(parts, "li")


def test_the_words_come_in_the_same_order_as_in_the_pdf():
    doc = _doc(_plan())
    page = " ".join(w for _t, w in outline(render_plan_html(doc)))
    pdf = " ".join(pdf_text(render_plan(doc)[0]).split())
    said = [
        "Plan for Ann Bee",
        "Seeing people again",
        "I am a good cook",
        "Go to the Tuesday coffee morning",
        "Getting there on the bus",
        "Phone my daughter",
        "Tuesday 1 December 2026 at 10:30. Home visit.",
        "We will look at this plan again on 15 January 2027.",
        "Sam Patel",
        "My GP practice",
    ]
    for text in (page, pdf):
        places = [text.find(words) for words in said]
        assert -1 not in places, [w for w, p in zip(said, places, strict=True) if p == -1]
        assert places == sorted(places)


def test_what_a_person_typed_is_shown_as_text_never_as_markup():
    goal = _goal("Say <b>hello</b> & smile")
    doc = _doc(_plan([goal]), name="Ann <script>alert(1)</script> Bee")
    page = render_plan_html(doc)
    assert "<script>" not in page and "<b>" not in page
    assert "Say &lt;b&gt;hello&lt;/b&gt; &amp; smile" in page
    assert of(outline(page), "h3") == ["1. Say <b>hello</b> & smile"]


def test_a_plan_without_goals_says_so():
    plan = _plan([])
    parts = outline(render_plan_html(_doc(plan)))
    assert of(parts, "h3") == []
    assert "We have not written any goals yet. We will do that together at our next meeting." in of(
        parts, "p"
    )
    assert "Made on 23 November 2026" in of(parts, "p")
