"""``handbook.markers``: one grammar for ``<!-- md:name args -->``; a marker no hook replaces stops
the build (overrides/hooks/markers.py runs last)."""

from __future__ import annotations

import pytest

from handbook import markers

PAGE = "career.en.md"


def test_expand_replaces_its_own_markers_and_leaves_the_others():
    text = "a <!-- md:one x y --> b <!-- md:two --> c"
    out = markers.expand(text, PAGE, {"one": lambda args: "|".join(args)}, "test")
    assert out == "a x|y b <!-- md:two --> c"
    assert markers.KNOWN["one"] == "test"


def test_arguments_and_empty_views_fail_with_page_and_marker():
    with pytest.raises(markers.MarkerError, match=r"^career\.en\.md: <!-- md:one -->: takes no arguments$"):
        markers.expand("<!-- md:one extra -->", PAGE, {"one": markers.no_args(lambda: "")})

    def empty(args):
        raise ValueError("no rows for this era")

    with pytest.raises(markers.MarkerError, match=r"^career\.en\.md: <!-- md:rows -->: no rows for this era$"):
        markers.expand("<!-- md:rows current -->", PAGE, {"rows": empty})


def test_a_marker_no_hook_replaced_stops_the_build():
    markers.KNOWN.setdefault("career-levels", "career")
    markers.leftover("<p>nothing left</p><pre>&lt;!-- md:shown-in-code --&gt;</pre>", PAGE)
    with pytest.raises(markers.MarkerError) as exc:
        markers.leftover("<!-- md:career-ladders --><!-- md:salary-tabel current -->", PAGE)
    message = str(exc.value)
    assert message.startswith(f"{PAGE}: unknown marker <!-- md:career-ladders --> (and salary-tabel)")
    assert "career-levels" in message.split("known: ")[1]
