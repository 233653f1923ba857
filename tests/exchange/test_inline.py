"""Inline formatting placeholders: one character per tag, checked, cleaned and nested."""

from __future__ import annotations

import pytest

from workbench.exchange.inline import (
    MAX_TAGS,
    TAG_EXTRA,
    TAG_FIRST,
    TAG_MISSING,
    TAG_ORDER,
    Role,
    Span,
    Tag,
    check_tags,
    clean_target,
    close_char,
    decode,
    flatten,
    from_display,
    nest,
    open_char,
    standalone_char,
    strip_tags,
    to_display,
)
from workbench.glossary.protection import PLACEHOLDER_LAST

O0, C0, O1, C1, X2 = open_char(0), close_char(0), open_char(1), close_char(1), standalone_char(2)


def test_each_character_says_its_tag_number_and_role():
    assert [decode(ch) for ch in (O0, C0, X2)] == [
        Tag(0, Role.OPEN),
        Tag(0, Role.CLOSE),
        Tag(2, Role.STANDALONE),
    ]
    assert decode("a") is None
    assert decode(open_char(MAX_TAGS - 1)) == Tag(MAX_TAGS - 1, Role.OPEN)


def test_tag_numbers_beyond_the_range_are_refused():
    with pytest.raises(ValueError):
        open_char(MAX_TAGS)


def test_glossary_placeholders_never_use_a_tag_character():
    assert PLACEHOLDER_LAST < TAG_FIRST


def test_strip_tags_leaves_the_words():
    assert strip_tags(f"the {O0}quick{C0} fox{X2}.") == "the quick fox."


def test_a_target_with_every_tag_once_and_in_order_has_no_issue():
    assert check_tags(f"a {O0}b{C0} c{X2}", f"{X2}x {O0}y{C0}") == []


def test_a_dropped_tag_is_reported_missing():
    issues = check_tags(f"a {O0}b{C0} c{X2}", f"x {O0}y{C0}")
    assert [(i.code, i.tag) for i in issues] == [(TAG_MISSING, Tag(2, Role.STANDALONE))]
    assert issues[0].message == "tag ⟨3/⟩ is missing from the target"


def test_a_repeated_or_foreign_tag_is_reported_extra():
    issues = check_tags(f"a {O0}b{C0}", f"{O0}x{C0} {C0}{X2}")
    assert [i.code for i in issues] == [TAG_EXTRA, TAG_EXTRA]


def test_a_close_before_its_open_is_reported_out_of_order():
    issues = check_tags(f"{O0}b{C0}", f"{C0}x{O0}")
    assert [(i.code, i.tag.role) for i in issues] == [(TAG_ORDER, Role.CLOSE)]


def test_clean_target_drops_foreign_and_repeated_tags_only():
    assert clean_target(f"{O0}b{C0}", f"{O0}x{C0}{C0} {X2}y") == f"{O0}x{C0} y"


def test_nest_keeps_well_formed_tags_as_a_tree():
    assert nest(f"a {O0}b {O1}c{C1}{C0}{X2}") == [
        "a ",
        Span(0, ["b ", Span(1, ["c"])]),
        Tag(2, Role.STANDALONE),
    ]


def test_nest_closes_and_reopens_an_inner_span_that_a_translation_crossed():
    tree = nest(f"{O0}x {O1}y{C0} z{C1}")
    assert tree == [
        Span(0, ["x ", Span(1, ["y"], closed=False)]),
        Span(1, [" z"], opened=False),
    ]


def test_nest_marks_pairs_that_cross_a_segment_boundary():
    assert nest(f"begins {O0}here") == ["begins ", Span(0, ["here"], closed=False)]
    assert nest(f"ends{C0} there") == [Span(0, ["ends"], opened=False), " there"]


def test_flatten_undoes_nest():
    for text in (f"a {O0}b {O1}c{C1}{C0}{X2}", f"begins {O0}here", f"ends{C0} there"):
        assert flatten(nest(text)) == text


def test_display_form_is_compact_and_typeable_both_ways():
    text = f"a {O0}b{C0}{X2}"
    assert to_display(text) == "a ⟨1⟩b⟨/1⟩⟨3/⟩"
    assert from_display(to_display(text)) == text
    assert from_display("⟨/1/⟩ and ⟨0⟩ stay") == "⟨/1/⟩ and ⟨0⟩ stay"


def test_the_editor_shows_placeholders_as_escaped_compact_tags():
    from workbench.ui.rendering import text_block

    shown = text_block(f"a <b> {O0}bold{C0}{X2}", "ur")
    assert "a &lt;b&gt; " in shown
    assert ">⟨1⟩</span>bold<span" in shown
    assert ">⟨3/⟩</span>" in shown
    assert O0 not in shown and X2 not in shown
