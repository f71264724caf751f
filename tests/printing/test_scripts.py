"""Names and words in the scripts of the UK's most spoken languages print in their own fonts,
shaped, and read back from the PDF; Arabic reads right to left."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import uharfbuzz

from linkworker_desktop.paths import resources_dir
from linkworker_desktop.printing.plan_pdf import render_plan
from linkworker_desktop.printing.scripts import NBSP, SCRIPTS, runs
from tests.printing.test_plan_pdf import _doc, _plan
from tests.support.pdf import reader
from tests.support.pdf import runs as pdf_runs

# A made-up name and a plain phrase ("I want to go out" and the like) in each bundled script.
SAMPLES = {
    "Bengali": ("রাজা বাবা", "আমি বাইরে যেতে চাই, সপ্তাহে দুবার।"),
    "Devanagari": ("राम घर", "मैं हर हफ़्ते दोस्तों से मिलना चाहता हूँ।"),
    "Gurmukhi": ("ਰਾਮ ਪਾਲ", "ਮੈਨੂੰ ਲੋਕਾਂ ਨਾਲ ਗੱਲ ਕਰਨੀ ਪਸੰਦ ਹੈ।"),
    "Gujarati": ("રામ ઘર", "મને બહાર ફરવા જવું ગમે છે."),
    "Tamil": ("பாலா காமா", "நான் வாரம் இருமுறை நண்பர்களைப் பார்க்க விரும்புகிறேன்."),
    "Arabic": ("محمد علي", "أريد أن أخرج من البيت لا أكثر (مرتين) في الأسبوع"),
    "Hebrew": ("רבקה כהן", "אני רוצה לצאת מהבית פעמיים בשבוע."),
}


def _fonts_of(pdf: bytes) -> dict[str, str]:
    """Each text run's font, without the subset prefix, keyed by the run's text."""
    return {r.text: r.font.split("+")[-1] for r in pdf_runs(pdf)}


def _all_scripts_plan() -> tuple[bytes, list[str]]:
    plan = _plan()
    plan.what_matters = "\n".join(words for _, words in SAMPLES.values())
    name = " ".join(name for name, _ in SAMPLES.values())
    return render_plan(_doc(plan, name=name))


def test_each_script_prints_in_its_own_font_and_nothing_is_named_instead():
    pdf, warnings = _all_scripts_plan()
    assert warnings == []
    used = set(_fonts_of(pdf).values())
    for script in SCRIPTS:
        # The name is in the bold label, the words in body text.
        assert script.font in used
        assert script.bold in used
    for run in pdf_runs(pdf):
        if run.font.endswith(("DejaVuSans", "DejaVuSans-Bold")):
            assert "[" not in run.text, run.text  # no character printed by name


def test_every_bundled_font_is_embedded_in_the_pdf():
    pdf, _ = _all_scripts_plan()
    embedded: set[str] = set()
    for page in reader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]).split("+")[-1])
    expected = {s.font for s in SCRIPTS} | {s.bold for s in SCRIPTS}
    assert expected | {"DejaVuSans", "DejaVuSans-Bold"} <= embedded


def test_words_without_reordered_vowels_read_back_as_typed():
    """Shaped text is extracted glyph by glyph: a vowel sign drawn before its consonant, or a
    conjunct, does not read back as typed. These words have neither, so they must."""
    pdf, _ = _all_scripts_plan()
    texts = [unicodedata.normalize("NFKC", r.text) for r in pdf_runs(pdf)]
    for word in ("রাজা", "বাবা", "राम", "घर", "ਰਾਮ", "ਪਾਲ", "રામ", "ઘર", "பாலா", "காமா"):
        assert any(word in t for t in texts), word


def test_arabic_words_are_joined_and_set_right_to_left():
    plan = _plan()
    plan.what_matters = "أريد أن أخرج"
    pdf, _ = render_plan(_doc(plan, name="محمد علي"))
    arabic = [r.text for r in pdf_runs(pdf) if "Arabic" in r.font]
    # Drawn from the left, so the last word typed comes first; letters in joined forms.
    assert arabic == ["ﻋﻠﻲ", "ﻣﺤﻤﺪ", "أﺧﺮج", "أن", "أرﻳﺪ"]
    assert [unicodedata.normalize("NFKC", w) for w in arabic] == [
        "علي",
        "محمد",
        "أخرج",
        "أن",
        "أريد",
    ]


def test_lam_alef_prints_as_its_ligature_and_a_name_as_typed():
    plan = _plan()
    plan.what_matters = "لا"
    pdf, _ = render_plan(_doc(plan, name="محمد"))
    arabic = [r.text for r in pdf_runs(pdf) if "Arabic" in r.font]
    # U+FEFB is the lam-alef ligature. The name keeps its four letters: the font's
    # discretionary ligature would add vowel marks to it.
    assert arabic == ["ﻣﺤﻤﺪ", "\ufefb"]


def test_numbers_and_brackets_in_arabic_text_read_right_to_left():
    """Set from the left: the last word first, each number's digits in order, brackets
    mirrored, spaces that cannot break so the passage stays in this order."""
    arabic = SCRIPTS[0]
    assert runs("علي (محمد) 12 و 305. Thanks") == [
        (None, "305" + NBSP),
        (arabic, "و"),
        (None, NBSP + "12" + NBSP + "("),
        (arabic, "محمد"),
        (None, ")" + NBSP),
        (arabic, "علي"),
        (None, ". Thanks"),
    ]


def test_a_word_mixing_fonts_is_shaped_a_font_at_a_time():
    """reportlab shapes a word with its first piece's font: "(বাবা)" with DejaVu, as boxes."""
    plan = _plan()
    plan.what_matters = "Mum/বাবা"
    pdf, warnings = render_plan(_doc(plan))
    assert warnings == []
    fonts = _fonts_of(pdf)
    assert fonts["Mum"] == "DejaVuSans"
    assert fonts["/বাবা"] == "NotoSansBengali-Regular"


def test_a_passage_longer_than_a_line_reads_from_the_top_line_down():
    words = [
        "أريد",
        "أن",
        "أخرج",
        "من",
        "البيت",
        "وأن",
        "ألتقي",
        "بالناس",
        "في",
        "المقهى",
        "يوم",
        "الثلاثاء",
        "مع",
        "ابنتي",
    ]
    plan = _plan()
    plan.what_matters = " ".join(words * 3)
    pdf, _ = render_plan(_doc(plan))
    lines: dict[float, list[str]] = {}

    def visit(text: str, cm: list, tm: list, font: dict | None, _size: float) -> None:
        if text.strip() and font and "Arabic" in str(font.get("/BaseFont")):
            lines.setdefault(round(tm[5] * cm[3] + cm[5]), []).append(text)

    reader(pdf).pages[0].extract_text(visitor_text=visit)
    assert len(lines) >= 3
    typed_order: list[str] = []
    for _, line in sorted(lines.items(), reverse=True):  # top line first
        typed_order.extend(unicodedata.normalize("NFKC", w.strip()) for w in reversed(line))
    assert typed_order == words * 3


def test_chinese_is_named_and_the_note_says_so_before_printing():
    plan = _plan()
    plan.what_matters = "中文"
    _, warnings = render_plan(_doc(plan))
    assert warnings == [
        "2 characters (such as Chinese, Japanese or Korean characters) cannot be printed "
        "with the app's font, so are printed by name in brackets: [cjk unified ideograph-4e2d], "
        "[cjk unified ideograph-6587]."
    ]


def test_every_run_a_script_font_is_given_has_no_missing_glyph():
    """Glyph 0 is .notdef, the box: nothing handed to a script font may need it."""
    folder = Path(resources_dir()) / "fonts"
    checked: set[str] = set()
    for name, words in SAMPLES.values():
        for script, chunk in runs(f"{name} {words}"):
            if script is None:
                continue
            for stem in (script.font, script.bold):
                blob = uharfbuzz.Blob.from_file_path(folder / f"{stem}.ttf")
                buffer = uharfbuzz.Buffer()
                buffer.add_str(chunk)
                buffer.guess_segment_properties()
                uharfbuzz.shape(uharfbuzz.Font(uharfbuzz.Face(blob)), buffer, {})
                assert all(g.codepoint != 0 for g in buffer.glyph_infos), (stem, chunk)
                checked.add(stem)
    assert checked == {s.font for s in SCRIPTS} | {s.bold for s in SCRIPTS}


def test_hebrew_is_set_right_to_left_in_dejavu():
    """pypdf reads a right-to-left run back in typed order only when it was drawn right to
    left: drawn as typed, "רבקה כהן" reads back as "ןהכ הקבר"."""
    plan = _plan()
    plan.what_matters = "Rivka שלום עולם 12"
    pdf, warnings = render_plan(_doc(plan, name="רבקה כהן"))
    assert warnings == []
    found = [(r.text, r.font.split("+")[-1]) for r in pdf_runs(pdf)]
    assert ("רבקה כהן", "DejaVuSans-Bold") in found
    # The number after the Hebrew words is set within them, to their left.
    start = found.index(("Rivka 12", "DejaVuSans"))
    assert found[start + 1] == ("שלום עולם", "DejaVuSans")
